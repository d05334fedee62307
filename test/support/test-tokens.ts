import { DevTokenIssuer, SignOptions, TokenClaims } from '../../apps/api/src/auth/dev-token-issuer.js';
import { testEnvironment } from './test-env.js';

let issuer: Promise<DevTokenIssuer> | undefined;

/** The key pair tests sign with; the api under test trusts it through JWT_JWKS_FILE. */
export function testTokenIssuer(): Promise<DevTokenIssuer> {
  issuer ??= DevTokenIssuer.open(testEnvironment().JWT_JWKS_FILE);
  return issuer;
}

/** A real signed token for the given claims, with the test issuer and audience unless overridden. */
export async function tokenFor(claims: TokenClaims, options: Partial<SignOptions> = {}): Promise<string> {
  const env = testEnvironment();
  return (await testTokenIssuer()).sign(claims, {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    ...options,
  });
}
