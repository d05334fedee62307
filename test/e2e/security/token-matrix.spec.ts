import { createHmac, createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { generateKeyPair, SignJWT } from 'jose';
import { startApi } from '../../support/api-app.js';
import { claimsOf, DEMO_PASSWORD, DevIdpProcess } from '../../support/dev-idp.js';
import { freePort } from '../../support/processes.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { testEnvironment } from '../../support/test-env.js';
import { testTokenIssuer, tokenFor } from '../../support/test-tokens.js';
import { openPreventiveInput } from '../activations/activation-mutations.fixture.js';
import { eventually, sleep, SocketClient } from '../feeds/feeds.fixture.js';

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

/** Where a refusal is tried: the api's url, the count of events in its store, and the sockets to close. */
interface MatrixTarget {
  url: string;
  events: () => Promise<number>;
  sockets: SocketClient[];
}

const OPEN =
  'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { activationId eventIds } }';
const ME = '{ me { userId agency role } }';

const open = (url: string, token: string | undefined) =>
  graphql<{ openActivation: { activationId: string; eventIds: string[] } }>(
    url,
    OPEN,
    { input: openPreventiveInput({ activationId: randomUUID() }) },
    token,
  );

const expectRefused = (response: GraphqlResponse, code: string, status: number, why: RegExp) => {
  expect(response.status).toBe(status);
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0].extensions?.code).toBe(code);
  expect(response.errors?.[0].message).toMatch(why);
};

/** The three ways in (mutation, query, graphql-ws) for one bad token: each refuses it and writes nothing. */
function refusalTests(target: () => MatrixTarget, makeToken: Case[1], why: RegExp): void {
  let token: string | undefined;
  beforeAll(async () => {
    token = await makeToken();
  });

  it('is refused with 401 UNAUTHENTICATED by a mutation, which writes nothing', async () => {
    const { url, events } = target();
    const before = await events();
    expectRefused(await open(url, token), 'UNAUTHENTICATED', 401, why);
    expect(await events()).toBe(before);
  });

  it('is refused with 401 UNAUTHENTICATED by a query', async () => {
    const { url } = target();
    expectRefused(await graphql(url, ME, {}, token), 'UNAUTHENTICATED', 401, why);
  });

  it('is refused at graphql-ws connect, before any operation runs', async () => {
    const { url, events, sockets } = target();
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
}

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

  describe.each(UNAUTHENTICATED)('%s', (_name, makeToken, why) =>
    refusalTests(() => ({ url, events, sockets }), makeToken, why),
  );

  it('refuses a good token whose role may not act with FORBIDDEN, and writes nothing', async () => {
    const policyAdmin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
    const before = await events();
    const response = await open(url, policyAdmin);
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
    const response = await open(url, token);
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

/**
 * The same matrix against tokens of an OpenID Connect provider (the development provider of `npm start`,
 * apps/idp), the api configured by its issuer URL: each bad token is made from what that provider issues
 * and publishes (its JWKS, its tokens), or by providers sharing its keys under another issuer or audience.
 */
describe('token matrix, provider-issued tokens', () => {
  const TTL_SECONDS = 5;
  const database = new IsolatedDatabase();
  const sockets: SocketClient[] = [];
  let app: INestApplication;
  let url: string;
  let idp: DevIdpProcess;
  let otherIssuer: DevIdpProcess;
  let otherAudience: DevIdpProcess;
  /** Signed in at the start, so that it has expired by the time its case runs. */
  let early: Promise<string>;

  const events = async () =>
    Number(
      ((await database.dataSource.query('SELECT count(*)::int AS n FROM events')) as { n: number }[])[0].n,
    );
  const signIn = async (provider: DevIdpProcess, login = 'inspecteur@nla') =>
    (await (await provider.client()).signIn(login, DEMO_PASSWORD)).access_token;
  const providerJwks = async () =>
    ((await (await fetch(`${await idp.issuer()}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] })
      .keys;

  beforeAll(async () => {
    await database.create(2);
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    ({ app, url } = await startApi({ ...database.env, OIDC_ISSUER_URL: issuer, JWT_AUDIENCE: 'keten' }));
    idp = new DevIdpProcess({ IDP_ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) }, port);
    await idp.start();
    otherIssuer = new DevIdpProcess({ IDP_KEYS_FILE: idp.keysFile, IDP_ISSUER: 'https://evil.example' });
    otherAudience = new DevIdpProcess({
      IDP_KEYS_FILE: idp.keysFile,
      IDP_ISSUER: issuer,
      JWT_AUDIENCE: 'another-app',
    });
    await Promise.all([otherIssuer.start(), otherAudience.start()]);
    early = signIn(idp);
  }, 180_000);

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([idp?.stop(), otherIssuer?.stop(), otherAudience?.stop()]);
    await database.drop();
  });

  const payloadOf = async () => claimsOf(await signIn(idp));
  const PROVIDER_CASES: Case[] = [
    ['no token', () => undefined, /No bearer token/],
    ['a garbage token', () => 'not-a-token', /malformed or not signed by a trusted issuer/],
    [
      'alg: none',
      async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(await payloadOf())}.`,
      /algorithm keten does not accept/,
    ],
    [
      "HS256 signed with the provider's published key (key confusion)",
      async () => {
        const [key] = await providerJwks();
        const pem = createPublicKey({ key, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        const signingInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })}.${b64(await payloadOf())}`;
        return `${signingInput}.${createHmac('sha256', pem).update(signingInput).digest('base64url')}`;
      },
      /algorithm keten does not accept/,
    ],
    [
      "a key keten does not trust, under the provider's key id",
      async () => {
        const [{ kid }] = await providerJwks();
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(await payloadOf())
          .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
          .sign(privateKey);
      },
      /signature does not match any trusted key/,
    ],
    [
      'a tampered claim (agency changed, signature kept)',
      async () => {
        const [header, payload, signature] = (await signIn(idp)).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        return [header, b64({ ...claims, agency: 'UWV' }), signature].join('.');
      },
      /signature does not match/,
    ],
    [
      'an expired token',
      async () => {
        const token = await early;
        await sleep(Number(claimsOf(token).exp) * 1000 - Date.now() + 1100);
        return token;
      },
      /The token has expired/,
    ],
    ['the wrong issuer (same keys)', () => signIn(otherIssuer), /"iss" claim/],
    ['the wrong audience (same keys, same issuer)', () => signIn(otherAudience), /"aud" claim/],
    [
      "a system token without the api's scope, so without its claims",
      async () =>
        (await (await idp.client()).clientCredentials('nla-system', 'nla-system-dev-secret', ''))
          .access_token,
      /no "agency" claim/,
    ],
  ];

  describe.each(PROVIDER_CASES)('%s', (_name, makeToken, why) =>
    refusalTests(() => ({ url, events, sockets }), makeToken, why),
  );

  it('accepts the honest tokens it was all measured against: a person (code + PKCE) and a system (client credentials)', async () => {
    const token = await signIn(idp);
    expect((await graphql(url, ME, {}, token)).data).toEqual({
      me: { userId: 'inspecteur@nla', agency: 'NLA', role: 'INSPECTOR' },
    });
    const before = await events();
    const response = await open(url, token);
    expect(response.errors).toBeUndefined();
    expect(await events()).toBe(before + 1);
    const system = await (await idp.client()).clientCredentials('uwv-system', 'uwv-system-dev-secret');
    expect((await graphql(url, ME, {}, system.access_token)).data).toEqual({
      me: { userId: 'uwv-system', agency: 'UWV', role: 'AGENCY_SYSTEM' },
    });
  });
});
