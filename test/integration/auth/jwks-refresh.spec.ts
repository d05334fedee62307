import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { loadConfig } from '#platform';
import { SessionRevocations } from '../../../apps/api/src/auth/session-revocations.js';
import { TokenVerifier } from '../../../apps/api/src/auth/token-verifier.js';

/**
 * The api's verifier against a provider it reaches over HTTP (a small server of discovery and JWKS that
 * counts what it is asked): a rotated key is fetched when a token names it, and a flood of tokens naming
 * made-up key ids costs at most one JWKS fetch per cooldown instead of one each.
 */
describe('JWKS of an OpenID Connect provider', () => {
  let server: Server;
  let issuer: string;
  let jwksFetches = 0;
  let discoveryFetches = 0;
  const published: JWK[] = [];
  type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const signers: { kid: string; key: PrivateKey }[] = [];

  const addKey = async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = randomUUID();
    published.unshift({ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' });
    signers.unshift({ kid, key: privateKey });
    return kid;
  };
  const token = (kid = signers[0].kid, key = signers[0].key) =>
    new SignJWT({ agency: 'NLA', role: 'INSPECTOR' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setSubject('insp@nla')
      .setIssuer(issuer)
      .setAudience('keten')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  const verifier = (cooldownMs: number) =>
    new TokenVerifier(
      loadConfig({
        NODE_ENV: 'test',
        OIDC_ISSUER_URL: issuer,
        JWT_AUDIENCE: 'keten',
        OIDC_JWKS_COOLDOWN_MS: String(cooldownMs),
      }),
      new SessionRevocations(),
    );

  beforeAll(async () => {
    await addKey();
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/.well-known/openid-configuration')) {
        discoveryFetches++;
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      } else if (req.url === '/jwks') {
        jwksFetches++;
        res.end(JSON.stringify({ keys: published }));
      } else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    jwksFetches = 0;
    discoveryFetches = 0;
  });

  it('reads discovery and the JWKS once, then verifies from its cache', async () => {
    const api = verifier(30_000);
    for (let i = 0; i < 5; i++) {
      expect((await api.verify(`Bearer ${await token()}`)).userId).toBe('insp@nla');
    }
    expect({ discoveryFetches, jwksFetches }).toEqual({ discoveryFetches: 1, jwksFetches: 1 });
  });

  it('fetches the JWKS again when a token names a new key (rotation), without a restart', async () => {
    const api = verifier(100);
    await api.verify(`Bearer ${await token()}`);
    await addKey();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await api.verify(`Bearer ${await token()}`)).userId).toBe('insp@nla');
    expect(jwksFetches).toBe(2);
  });

  it('fetches at most once per cooldown however many unknown key ids a flood of tokens names', async () => {
    const api = verifier(60_000);
    await api.verify(`Bearer ${await token()}`);
    const { privateKey } = await generateKeyPair('ES256');
    const flood = await Promise.all(Array.from({ length: 50 }, () => token(randomUUID(), privateKey)));
    const answers = await Promise.allSettled(flood.map((jwt) => api.verify(`Bearer ${jwt}`)));
    expect(answers.every((answer) => answer.status === 'rejected')).toBe(true);
    expect((answers[0] as PromiseRejectedResult).reason.message).toMatch(
      /signature does not match any trusted key/,
    );
    // The first token's fetch, and at most one more for the whole flood.
    expect(jwksFetches).toBeLessThanOrEqual(2);
  });

  it('refuses a discovery document that names another issuer than the one configured', async () => {
    const api = new TokenVerifier(
      loadConfig({ NODE_ENV: 'test', OIDC_ISSUER_URL: `${issuer}/other`, JWT_AUDIENCE: 'keten' }),
      new SessionRevocations(),
    );
    await expect(api.verify(`Bearer ${await token()}`)).rejects.toThrow(
      /names issuer http:\/\/127\.0\.0\.1:\d+ .*expected issuer .*\/other/,
    );
  });
});
