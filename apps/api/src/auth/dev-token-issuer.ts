import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';

export interface TokenClaims {
  userId: string;
  agency: string;
  role: string;
  region?: string;
}

export interface SignOptions {
  issuer: string;
  audience: string;
  /** e.g. '8h'; negative lifetimes are for tests of expired tokens, null for tests of tokens that never expire. */
  expiresIn?: string | number | null;
  notBefore?: string | number;
}

/**
 * A development token issuer: a key pair kept beside the JWKS file the api reads. Production tokens come
 * from the agencies' identity providers; this exists so demo users and tests can sign real tokens.
 */
export class DevTokenIssuer {
  private constructor(
    private readonly privateJwk: JWK,
    readonly jwksFile: string,
  ) {}

  /** Loads the key pair beside `jwksFile`, creating both files on first use. */
  static async open(jwksFile: string): Promise<DevTokenIssuer> {
    const privateFile = join(dirname(jwksFile), 'private.jwk.json');
    if (!existsSync(privateFile) || !existsSync(jwksFile)) {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const kid = randomUUID();
      mkdirSync(dirname(jwksFile), { recursive: true });
      writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), {
        mode: 0o600,
      });
      writeFileSync(
        jwksFile,
        JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }),
      );
    }
    return new DevTokenIssuer(JSON.parse(readFileSync(privateFile, 'utf8')) as JWK, jwksFile);
  }

  async sign(claims: TokenClaims, options: SignOptions): Promise<string> {
    const key = await importJWK(this.privateJwk, 'ES256');
    const jwt = new SignJWT({
      agency: claims.agency,
      role: claims.role,
      ...(claims.region ? { region: claims.region } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.privateJwk.kid, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti(randomUUID());
    if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '8h');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(key);
  }
}
