import { createHmac, createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { generateKeyPair, SignJWT } from 'jose';
import { startApi } from '../../support/api-app.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { testEnvironment } from '../../support/test-env.js';
import { testTokenIssuer, tokenFor } from '../../support/test-tokens.js';
import { openPreventiveInput } from '../activations/activation-mutations.fixture.js';
import { eventually, SocketClient } from '../feeds/feeds.fixture.js';

/**
 * Every way a token can be wrong (DESIGN §6), against a mutation and a query over HTTP and against a
 * graphql-ws connection: each is refused, with 401 UNAUTHENTICATED (or FORBIDDEN where the token is good
 * but its role may not act), and nothing is written. The api runs on a database of its own, so the count
 * of events before and after is exact.
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const env = testEnvironment();

const NLA_CLAIMS = { userId: 'insp@nla', agency: 'NLA', role: 'INSPECTOR' };

/** The claims an honest token of the NLA inspector carries, for tokens built by hand. */
function honestPayload(): Record<string, unknown> {
  return {
    sub: NLA_CLAIMS.userId,
    agency: NLA_CLAIMS.agency,
    role: NLA_CLAIMS.role,
    iss: env.JWT_ISSUER,
    aud: env.JWT_AUDIENCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 3600,
  };
}

/** `alg: none`: no signature at all. */
function unsignedToken(): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(honestPayload())}.`;
}

/**
 * The key-confusion attack: HS256 with the api's public key (which anyone may read) as the shared secret,
 * under the kid of the real key. A verifier that let the token choose its algorithm would accept it.
 */
function publicKeyAsHmacSecretToken(): string {
  const { keys } = JSON.parse(readFileSync(env.JWT_JWKS_FILE, 'utf8')) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const pem = createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: keys[0].kid })}.${b64(honestPayload())}`;
  const signature = createHmac('sha256', pem).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** A real token whose payload says another agency, with the original signature kept. */
async function tamperedClaimToken(): Promise<string> {
  const [header, payload, signature] = (await tokenFor(NLA_CLAIMS)).split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return [header, b64({ ...claims, agency: 'UWV' }), signature].join('.');
}

/** A well-formed token signed by a key the api does not trust, under the kid of one it does. */
async function foreignKeyToken(): Promise<string> {
  const { keys } = JSON.parse(readFileSync(env.JWT_JWKS_FILE, 'utf8')) as { keys: { kid: string }[] };
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return new SignJWT({ agency: 'NLA', role: 'INSPECTOR' })
    .setProtectedHeader({ alg: 'ES256', kid: keys[0].kid, typ: 'JWT' })
    .setSubject('insp@nla')
    .setIssuer(env.JWT_ISSUER)
    .setAudience(env.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

type Case = [name: string, token: () => Promise<string | undefined> | string | undefined, why: RegExp];

const UNAUTHENTICATED: Case[] = [
  ['no token', () => undefined, /No bearer token/],
  ['a garbage token', () => 'not-a-token', /malformed or not signed by a trusted issuer/],
  ['alg: none', unsignedToken, /algorithm keten does not accept/],
  [
    'HS256 signed with the public key (key confusion)',
    publicKeyAsHmacSecretToken,
    /algorithm keten does not accept/,
  ],
  ['a key keten does not trust', foreignKeyToken, /signature does not match any trusted key/],
  ['a tampered claim (agency changed, signature kept)', tamperedClaimToken, /signature does not match/],
  ['an expired token', () => tokenFor(NLA_CLAIMS, { expiresIn: -60 }), /The token has expired/],
  ['a token without expiry', () => tokenFor(NLA_CLAIMS, { expiresIn: null }), /"exp" claim/],
  [
    'a token not valid yet (nbf in the future)',
    () => tokenFor(NLA_CLAIMS, { notBefore: '1h' }),
    /not valid yet/,
  ],
  ['the wrong issuer', () => tokenFor(NLA_CLAIMS, { issuer: 'https://evil.example' }), /"iss" claim/],
  ['the wrong audience', () => tokenFor(NLA_CLAIMS, { audience: 'another-app' }), /"aud" claim/],
  [
    'an unknown agency',
    () => tokenFor({ ...NLA_CLAIMS, agency: 'ACME' }),
    /"ACME" is not a known agency code/,
  ],
  ['an unknown role', () => tokenFor({ ...NLA_CLAIMS, role: 'ADMIN' }), /is not a role/],
  [
    'a safety region claiming another region (coordinator of VR09 as VR17)',
    () => tokenFor({ userId: 'coord@vr17', agency: 'VR17', role: 'COORDINATOR', region: 'VR09' }),
    /the safety region VR17 cannot act for region VR09/,
  ],
];

const OPEN =
  'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { activationId eventIds } }';
const ME = '{ me { userId agency role } }';

describe('token matrix', () => {
  const database = new IsolatedDatabase();
  let app: INestApplication;
  let url: string;
  const sockets: SocketClient[] = [];

  const events = async () =>
    Number(
      ((await database.dataSource.query('SELECT count(*)::int AS n FROM events')) as { n: number }[])[0].n,
    );

  beforeAll(async () => {
    await database.create(2);
    await testTokenIssuer();
    ({ app, url } = await startApi(database.env));
  }, 120_000);

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const open = (token: string | undefined, overrides: Record<string, unknown> = {}) =>
    graphql<{ openActivation: { activationId: string; eventIds: string[] } }>(
      url,
      OPEN,
      { input: openPreventiveInput({ activationId: randomUUID(), ...overrides }) },
      token,
    );

  const expectRefused = (response: GraphqlResponse, code: string, status: number, why: RegExp) => {
    expect(response.status).toBe(status);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe(code);
    expect(response.errors?.[0].message).toMatch(why);
  };

  describe.each(UNAUTHENTICATED)('%s', (_name, makeToken, why) => {
    let token: string | undefined;
    beforeAll(async () => {
      token = await makeToken();
    });

    it('is refused with 401 UNAUTHENTICATED by a mutation, which writes nothing', async () => {
      const before = await events();
      expectRefused(await open(token), 'UNAUTHENTICATED', 401, why);
      expect(await events()).toBe(before);
    });

    it('is refused with 401 UNAUTHENTICATED by a query', async () => {
      expectRefused(await graphql(url, ME, {}, token), 'UNAUTHENTICATED', 401, why);
    });

    it('is refused at graphql-ws connect, before any operation runs', async () => {
      const before = await events();
      const client = SocketClient.forToken(url, token);
      sockets.push(client);
      const mutation = client.subscribe(OPEN, { input: openPreventiveInput({ activationId: randomUUID() }) });
      const query = client.subscribe(ME);
      await eventually(() => mutation.closeEvent !== undefined && query.closeEvent !== undefined, 10_000);
      for (const operation of [mutation, query]) {
        expect(operation.closeEvent?.code).toBe(4403);
        expect(operation.closeEvent?.reason).toMatch(/^Unauthenticated: /);
        expect(operation.received).toEqual([]);
      }
      // The same sentence as over HTTP, cut to the 123 bytes a close frame holds.
      const [overHttp] = (await graphql(url, ME, {}, token)).errors!;
      expect(
        `Unauthenticated: ${overHttp.message}`.startsWith(query.closeEvent!.reason.replace(/…$/, '')),
      ).toBe(true);
      expect(overHttp.message).toMatch(why);
      expect(await events()).toBe(before);
    });
  });

  it('refuses a good token whose role may not act with FORBIDDEN, and writes nothing', async () => {
    const policyAdmin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
    const before = await events();
    const response = await open(policyAdmin);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(await events()).toBe(before);
  });

  it('accepts the honest token it was all measured against, which writes', async () => {
    const token = await tokenFor(NLA_CLAIMS);
    expect((await graphql(url, ME, {}, token)).data).toEqual({
      me: { userId: 'insp@nla', agency: 'NLA', role: 'INSPECTOR' },
    });
    const before = await events();
    const response = await open(token);
    expect(response.errors).toBeUndefined();
    expect(response.data?.openActivation.eventIds).toHaveLength(1);
    expect(await events()).toBe(before + 1);
    const coordinator = await tokenFor({
      userId: 'coord@vr17',
      agency: 'VR17',
      role: 'COORDINATOR',
      region: 'VR17',
    });
    expect((await graphql(url, ME, {}, coordinator)).errors).toBeUndefined();
  });
});
