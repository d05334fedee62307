import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The provider's signing keys, newest first, kept in a file so that tokens stay valid across a restart.
 * The newest key signs; the one before it stays in the JWKS so tokens it signed verify until they expire.
 */
export class SigningKeys {
  /** The previous key is kept for the tokens it signed; older ones are dropped. */
  static readonly KEPT = 2;

  private constructor(
    private readonly file: string,
    private keys: JWK[],
  ) {}

  static async open(file: string): Promise<SigningKeys> {
    const keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] }).keys : [];
    const store = new SigningKeys(file, keys);
    if (keys.length === 0) await store.rotate();
    return store;
  }

  /** Private keys, as oidc-provider's `jwks` takes them (it publishes their public halves). */
  get all(): JWK[] {
    return this.keys.map((key) => ({ ...key }));
  }

  get currentKid(): string {
    return this.keys[0].kid!;
  }

  /** A new key signs from now on; the previous one still verifies. Returns the new key id. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const key: JWK = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
    this.keys = [key, ...this.keys].slice(0, SigningKeys.KEPT);
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ keys: this.keys }), { mode: 0o600 });
    return key.kid!;
  }
}
