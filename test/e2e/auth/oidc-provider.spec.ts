import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { INestApplication } from '@nestjs/common';
import type { TokenSet } from '../../../apps/idp/src/dev-idp.client.js';
import { agreeInForce } from '../../support/agreements.js';
import { startApi } from '../../support/api-app.js';
import { claimsOf, DEMO_PASSWORD, DevIdpProcess, headerOf } from '../../support/dev-idp.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { freePort } from '../../support/processes.js';
import { startWorker } from '../../support/worker-app.js';
import { openPreventiveInput } from '../activations/activation-mutations.fixture.js';
import {
  DEMO_GRANTS,
  eventually,
  FEED_ENTRY_FIELDS,
  FeedEntry,
  sleep,
  SocketClient,
} from '../feeds/feeds.fixture.js';

/**
 * The api as the resource server of an OpenID Connect provider, proven from outside against the development
 * provider of `npm start` (apps/idp, a process of its own): people sign in with the authorization code and
 * PKCE through the sign-in page, systems with client credentials; tokens of another issuer or audience,
 * without the api's claims, tampered or expired are refused; a key rotated at the provider is picked up by
 * the running api; a live subscription survives a token refresh and ends at logout.
 */

/** Access tokens of seconds, so that expiry and refresh happen within a test. */
const TOKEN_TTL_SECONDS = 6;
const ME = '{ me { userId agency role region } }';
const FEED = `subscription { feed { ${FEED_ENTRY_FIELDS} } }`;
const OPEN =
  'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { activationId eventIds } }';

describe('signing in through an OpenID Connect provider', () => {
  const database = new IsolatedDatabase();
  let idp: DevIdpProcess;
  /** Same keys and issuer, another audience; and same keys, another issuer: tokens the api must refuse. */
  let otherAudience: DevIdpProcess;
  let otherIssuer: DevIdpProcess;
  let api: { app: INestApplication; url: string };
  let worker: INestApplication;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    await database.create(2);
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    // The api reads the provider's discovery at the first token, so it may start first.
    api = await startApi({
      ...database.env,
      OIDC_ISSUER_URL: issuer,
      JWT_AUDIENCE: 'keten',
      OIDC_JWKS_COOLDOWN_MS: '500',
    });
    worker = await startWorker(database.env);
    idp = new DevIdpProcess(
      {
        IDP_ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
        IDP_BACKCHANNEL_LOGOUT_URI: `${api.url}/auth/backchannel-logout`,
      },
      idpPort,
    );
    await idp.start();
    otherAudience = new DevIdpProcess({
      IDP_KEYS_FILE: idp.keysFile,
      IDP_ISSUER: issuer,
      JWT_AUDIENCE: 'another-app',
    });
    otherIssuer = new DevIdpProcess({ IDP_KEYS_FILE: idp.keysFile, IDP_ISSUER: 'http://localhost:1' });
    await Promise.all([otherAudience.start(), otherIssuer.start()]);
    // The demo agreements, in force as the demo brings them (proposed by one agency's policy admin, approved
    // by the other's), each admin signed in at the provider: what NLA's feed carries.
    const adminToken = async (agency: string) =>
      (await signIn(`beleid@${agency.toLowerCase()}`)).access_token;
    for (const input of DEMO_GRANTS) await agreeInForce(api.url, input, adminToken);
  }, 180_000);

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.close();
    await Promise.all([idp?.stop(), otherAudience?.stop(), otherIssuer?.stop()]);
    await database.drop();
  });

  const signIn = async (login: string, provider = idp): Promise<TokenSet> =>
    (await provider.client()).signIn(login, DEMO_PASSWORD);
  const me = (token: string) =>
    graphql<{ me: { userId: string; agency: string; role: string; region: string | null } }>(
      api.url,
      ME,
      {},
      token,
    );
  const expectUnauthenticated = (response: GraphqlResponse, why: RegExp) => {
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(why);
  };

  it('a person signs in with the authorization code and PKCE, posting the sign-in form; the api knows their agency, role and region', async () => {
    const tokens = await signIn('coordinator@vr17');
    expect(claimsOf(tokens.access_token)).toMatchObject({
      iss: await idp.issuer(),
      aud: 'keten',
      sub: 'coordinator@vr17',
      agency: 'VR17',
      role: 'COORDINATOR',
      region: 'VR17',
    });
    expect(tokens.expires_in).toBe(TOKEN_TTL_SECONDS);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect((await me(tokens.access_token)).data).toEqual({
      me: { userId: 'coordinator@vr17', agency: 'VR17', role: 'COORDINATOR', region: 'VR17' },
    });

    const inspector = await signIn('inspecteur@nla');
    const opened = await graphql<{ openActivation: { eventIds: string[] } }>(
      api.url,
      OPEN,
      { input: openPreventiveInput({ activationId: randomUUID() }) },
      inspector.access_token,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openActivation.eventIds).toHaveLength(1);
  });

  it("serves a sign-in page whose Content-Security-Policy lets the form's redirects lead back to the client", async () => {
    const authorize = new URL(`${await idp.issuer()}/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'keten-console',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:5173/auth/callback',
      scope: 'openid keten',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const first = await fetch(authorize, { redirect: 'manual' });
    const cookie = first.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(first.headers.get('location')!, authorize), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    // form-action would also govern the redirects after the post, and stop the way back to the console.
    expect(csp).not.toMatch(/form-action/);
  });

  it('refuses a wrong password at the sign-in page and issues nothing', async () => {
    await expect((await idp.client()).signIn('inspecteur@nla', 'wrong')).rejects.toThrow(
      /HTTP 401.*onjuist wachtwoord/,
    );
  });

  it("an agency's system gets a token with client credentials, as curl would", async () => {
    const client = await idp.client();
    const tokens = await client.clientCredentials('uwv-system', 'uwv-system-dev-secret');
    expect(tokens.refresh_token).toBeUndefined();
    expect((await me(tokens.access_token)).data).toEqual({
      me: { userId: 'uwv-system', agency: 'UWV', role: 'AGENCY_SYSTEM', region: null },
    });
    await expect(client.clientCredentials('uwv-system', 'not-the-secret')).rejects.toThrow(
      /HTTP 401.*invalid_client/,
    );
  });

  it('refuses tokens of another issuer, for another audience, without the mapped claims, and tampered ones', async () => {
    expectUnauthenticated(
      await me((await signIn('inspecteur@nla', otherIssuer)).access_token),
      /"iss" claim/,
    );
    expectUnauthenticated(
      await me((await signIn('inspecteur@nla', otherAudience)).access_token),
      /"aud" claim/,
    );
    // A system token without the api's scope carries none of the api's claims.
    const unscoped = await (await idp.client()).clientCredentials('nla-system', 'nla-system-dev-secret', '');
    expect(claimsOf(unscoped.access_token).agency).toBeUndefined();
    expectUnauthenticated(await me(unscoped.access_token), /no "agency" claim .*JWT_CLAIM_AGENCY/);

    const [header, payload, signature] = (await signIn('inspecteur@nla')).access_token.split('.');
    const tampered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), agency: 'UWV' }),
    ).toString('base64url');
    expectUnauthenticated(await me([header, tampered, signature].join('.')), /signature does not match/);
  });

  it('refuses a token once it has expired, also one the api verified a moment before', async () => {
    const tokens = await signIn('inspecteur@uwv');
    expect((await me(tokens.access_token)).errors).toBeUndefined();
    const expiresAt = Number(claimsOf(tokens.access_token).exp) * 1000;
    await sleep(expiresAt - Date.now() + 1100);
    expectUnauthenticated(await me(tokens.access_token), /The token has expired/);
  });

  it('picks up a key rotated at the provider without a restart, and still accepts what the old key signed', async () => {
    const before = await signIn('inspecteur@svb');
    expect((await me(before.access_token)).errors).toBeUndefined();
    const kid = await idp.rotateKeys();
    expect(kid).not.toBe(headerOf(before.access_token).kid);
    await sleep(600); // past the api's JWKS cooldown (OIDC_JWKS_COOLDOWN_MS) since it last fetched
    const after = await signIn('inspecteur@svb');
    expect(headerOf(after.access_token).kid).toBe(kid);
    expect((await me(after.access_token)).data?.me.userId).toBe('inspecteur@svb');
    expect((await me(before.access_token)).errors).toBeUndefined();
  });

  it('keeps a subscription delivering past its first token when the client refreshes it, and ends it at logout', async () => {
    const browser = await idp.client();
    const first = await browser.signIn('inspecteur@nla', DEMO_PASSWORD);
    const client = SocketClient.forToken(api.url, first.access_token);
    sockets.push(client);
    const pongs: unknown[] = [];
    let socket: { send: (text: string) => void } | undefined;
    client.client.on('connected', (ws) => (socket = ws as typeof socket));
    client.client.on('pong', (_received, payload) => pongs.push(payload));
    const feed = client.subscribe<FeedEntry>(FEED);
    await eventually(() => socket !== undefined, 5000);

    // Before the first token expires, the client refreshes it and sends the new one in a ping.
    await sleep(2000);
    const refreshed = await browser.refresh(first.refresh_token!);
    expect(claimsOf(refreshed.access_token).exp).toBeGreaterThan(Number(claimsOf(first.access_token).exp));
    socket!.send(
      JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${refreshed.access_token}` } }),
    );
    await eventually(() => pongs.length > 0, 5000);
    expect(pongs[0]).toEqual({ refreshed: true, expiresAt: expect.any(String) });

    // Past the first token's expiry the subscription still delivers.
    await sleep(Number(claimsOf(first.access_token).exp) * 1000 - Date.now() + 1000);
    const activationId = randomUUID();
    const opened = await graphql(
      api.url,
      OPEN,
      { input: openPreventiveInput({ activationId }) },
      (await signIn('inspecteur@nla')).access_token,
    );
    expect(opened.errors).toBeUndefined();
    await feed.next((entry) => entry.activationId === activationId, 10_000);
    expect(feed.closeEvent).toBeUndefined();

    // Refreshed again (the connection is now on its third token), then signed out at the provider: the
    // session ends, the provider tells the api, which closes the connection well before the token expires
    // and refuses the session's token; the refresh token is dead.
    const again = await browser.refresh(refreshed.refresh_token!);
    socket!.send(
      JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${again.access_token}` } }),
    );
    await eventually(() => pongs.length > 1, 5000);
    const otherSession = await signIn('inspecteur@nla');
    await browser.signOut(again.id_token ?? first.id_token!);
    await eventually(() => feed.closeEvent !== undefined, 3000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; the provider logged:\n${idp.log()}`);
    });
    expect(Date.now()).toBeLessThan(Number(claimsOf(again.access_token).exp) * 1000);
    expect(feed.closeEvent).toEqual({ code: 4403, reason: expect.stringMatching(/session was ended/) });
    expectUnauthenticated(await me(again.access_token), /session of this token was ended/);
    await expect(browser.refresh(again.refresh_token!)).rejects.toThrow(/invalid_grant/);
    // Another session of the same user goes on.
    expect((await me(otherSession.access_token)).errors).toBeUndefined();
  }, 60_000);

  it('refuses a logout token it cannot verify (a forged logout must not end sessions), and ends nothing', async () => {
    const tokens = await signIn('inspecteur@bd');
    const jwks = (await (await fetch(`${await idp.issuer()}/jwks`)).json()) as { keys: { kid: string }[] };
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      sid: claimsOf(tokens.access_token).sid,
    })
      .setProtectedHeader({ alg: 'ES256', kid: jwks.keys[0].kid, typ: 'logout+jwt' })
      .setIssuer(await idp.issuer())
      .setAudience('keten-console')
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(privateKey);
    for (const body of ['', 'logout_token=garbage', `logout_token=${forged}`]) {
      const response = await fetch(`${api.url}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await me(tokens.access_token)).errors).toBeUndefined();
  });

  it('ends a subscription at its token expiry when no fresh token comes', async () => {
    const tokens = await signIn('handhaver@gm0599');
    const client = SocketClient.forToken(api.url, tokens.access_token);
    sockets.push(client);
    const feed = client.subscribe<FeedEntry>(FEED);
    await eventually(() => feed.closeEvent !== undefined, (TOKEN_TTL_SECONDS + 5) * 1000);
    expect(feed.closeEvent).toEqual({ code: 4403, reason: expect.stringMatching(/expired/) });
  }, 30_000);

  it('closes the connection when a refresh names someone else', async () => {
    const tokens = await signIn('inspecteur@nla');
    const client = SocketClient.forToken(api.url, tokens.access_token);
    sockets.push(client);
    let socket: { send: (text: string) => void } | undefined;
    client.client.on('connected', (ws) => (socket = ws as typeof socket));
    const feed = client.subscribe<FeedEntry>(FEED);
    await eventually(() => socket !== undefined, 5000);
    const other = await signIn('inspecteur@uwv');
    socket!.send(
      JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${other.access_token}` } }),
    );
    await eventually(() => feed.closeEvent !== undefined, 5000);
    expect(feed.closeEvent).toEqual({
      code: 4403,
      reason: expect.stringMatching(/same user, agency, role and region/),
    });
  });
});
