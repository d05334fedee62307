import * as oauth from 'oauth4webapi';

/**
 * Signing in with OpenID Connect: the authorization code flow with PKCE (oauth4webapi) against the provider
 * the api names in /console-config.json. Tokens live in this module's memory only, never in storage: a
 * reload signs in again (silently while the provider's session lasts). Only what must survive the
 * redirect to the provider and back (the PKCE verifier, state, nonce and where to return) is kept in
 * sessionStorage, and removed at the callback.
 */

export interface ConsoleConfig {
  readonly issuer: string | null;
  readonly clientId: string;
  /** Whether the api offers the GraphQL explorer (development only). */
  readonly explorer?: boolean;
}

export interface Session {
  readonly accessToken: string;
  readonly idToken?: string;
  /** Who is signed in, as the provider knows them (the access token's `sub`): unlike the name, one per person. */
  readonly userId: string;
  readonly name: string;
  readonly agency: string;
  readonly role: string;
  readonly region?: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const PENDING = 'keten.sign-in';
/** Refresh this long before the access token runs out. */
const REFRESH_MARGIN_SECONDS = 30;

let server: oauth.AuthorizationServer | undefined;
let config: ConsoleConfig | undefined;
let current: Session | undefined;
let refreshToken: string | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<(session: Session | undefined) => void>();

const redirectUri = () => `${window.location.origin}/auth/callback`;
const client = (): oauth.Client => ({ client_id: config!.clientId });
/** The development provider speaks plain http on loopback; a real one https only. */
const insecure = () => (config?.issuer?.startsWith('http:') ? { [oauth.allowInsecureRequests]: true } : {});

async function provider(): Promise<oauth.AuthorizationServer> {
  if (server) return server;
  await consoleConfig();
  if (!config!.issuer) throw new Error('no-provider');
  const issuer = new URL(config!.issuer!);
  server = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure() }),
  );
  return server;
}

/** The api's console configuration, once read. */
export async function consoleConfig(): Promise<ConsoleConfig> {
  if (!config) config = (await (await fetch('/console-config.json')).json()) as ConsoleConfig;
  return config;
}

export function session(): Session | undefined {
  return current;
}

export function accessToken(): string | undefined {
  return current?.accessToken;
}

export function onSessionChange(listener: (session: Session | undefined) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sends the browser to the provider's sign-in page. */
export async function signIn(returnTo = window.location.pathname): Promise<void> {
  const as = await provider();
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: config!.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid profile keten',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: document.documentElement.lang || 'nl',
  }).toString();
  window.location.assign(url.toString());
}

/** At /auth/callback: exchanges the code for tokens; answers where the person wanted to go. */
export async function completeSignIn(): Promise<string> {
  const as = await provider();
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('no-pending-sign-in');
  const parameters = oauth.validateAuthResponse(as, client(), new URL(window.location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client(),
    oauth.None(),
    parameters,
    redirectUri(),
    pending.verifier,
    insecure(),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client(), response, {
    expectedNonce: pending.nonce,
  });
  accept(tokens);
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/';
}

function claimsOf(accessToken: string): Record<string, unknown> {
  // Read to show who is signed in; the api verifies the token itself on every request.
  const part = accessToken.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
}

function accept(tokens: oauth.TokenEndpointResponse): void {
  const claims = claimsOf(tokens.access_token);
  const idClaims = tokens.id_token ? claimsOf(tokens.id_token) : {};
  current = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token ?? current?.idToken,
    userId: String(claims.sub ?? ''),
    name: String(idClaims.name ?? current?.name ?? claims.sub ?? ''),
    agency: String(claims.agency ?? ''),
    role: String(claims.role ?? ''),
    region: typeof claims.region === 'string' ? claims.region : undefined,
  };
  refreshToken = tokens.refresh_token ?? refreshToken;
  clearTimeout(refreshTimer);
  if (refreshToken && tokens.expires_in !== undefined) {
    const seconds = Math.max(1, tokens.expires_in - Math.min(REFRESH_MARGIN_SECONDS, tokens.expires_in / 2));
    refreshTimer = setTimeout(() => void refresh(), seconds * 1000);
  }
  for (const listener of listeners) listener(current);
}

/** Silent refresh with the refresh token; a refused refresh ends the session here. */
export async function refresh(): Promise<void> {
  if (!refreshToken) return;
  try {
    const as = await provider();
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client(),
      oauth.None(),
      refreshToken,
      insecure(),
    );
    accept(await oauth.processRefreshTokenResponse(as, client(), response));
  } catch {
    forget();
  }
}

function forget(): void {
  clearTimeout(refreshTimer);
  current = undefined;
  refreshToken = undefined;
  for (const listener of listeners) listener(undefined);
}

/** Ends the session here and at the provider (RP-initiated logout), then comes back to the start page. */
export async function signOut(): Promise<void> {
  const idToken = current?.idToken;
  forget();
  const as = await provider();
  if (!as.end_session_endpoint) return;
  const url = new URL(as.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config!.clientId,
    post_logout_redirect_uri: `${window.location.origin}/`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  window.location.assign(url.toString());
}
