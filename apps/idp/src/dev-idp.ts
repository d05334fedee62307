import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { IdpSeed, SeedUser } from './idp-seed.js';
import { SIGN_IN_CSP, signInPage } from './sign-in.page.js';
import type { SigningKeys } from './signing-keys.js';

export interface DevIdpSettings {
  /** The issuer URL, as clients and the api reach it (http://127.0.0.1:3003). */
  readonly issuer: string;
  /** The resource indicator of the api; tokens for it are JWTs with `audience` as `aud`. */
  readonly resource: string;
  readonly audience: string;
  readonly accessTokenTtlSeconds: number;
  /** Where the provider tells the api that a session ended (OpenID Connect Back-Channel Logout). */
  readonly backchannelLogoutUri?: string;
  /**
   * Where the api serves the console (http://127.0.0.1:<API_PORT>): its /auth/callback and / are registered as
   * the console client's redirect URIs beside the seed's.
   */
  readonly consoleOrigins?: readonly string[];
}

/** The scope under which the api's claims (agency, role, region) are granted. */
export const KETEN_SCOPE = 'keten';

/**
 * keten's development identity provider: oidc-provider (a certified OpenID Connect provider) with the seed's
 * users and clients, a sign-in page, authorization code with PKCE for the console, client credentials for
 * agency systems, refresh tokens, RP-initiated and back-channel logout, and key rotation. Access tokens for
 * the api are JWTs naming agency, role and region, as an organisation's provider would be configured to.
 */
export class DevIdp {
  private provider: Provider;
  private readonly cookieKeys = [randomBytes(32).toString('hex')];

  constructor(
    private readonly settings: DevIdpSettings,
    private readonly seed: IdpSeed,
    private readonly keys: SigningKeys,
  ) {
    this.provider = this.build();
  }

  /** A new signing key from now on; the previous one stays in the JWKS for the tokens it signed. */
  async rotateKeys(): Promise<string> {
    const kid = await this.keys.rotate();
    // oidc-provider reads its keys once; a new instance takes them over. Sessions, grants and tokens live in
    // its memory adapter, which all instances of this process share.
    this.provider = this.build();
    return kid;
  }

  server(): Server {
    return createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.statusCode = error instanceof errors.SessionNotFound ? 400 : 500;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        res.end(`Sign-in failed: ${(error as Error).message}. Start again from the application.`);
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.settings.issuer);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (interaction && req.method === 'GET' && !interaction[2]) return this.showInteraction(req, res);
    if (interaction && req.method === 'POST' && interaction[2]) return this.signIn(req, res);
    if (url.pathname === '/health/ready' || url.pathname === '/health/live') {
      // As the api's and the worker's probes answer: `npm start` checks that the process it started answers.
      return answer(res, 200, {
        status: 'ok',
        info: { instance: { id: process.env.KETEN_INSTANCE_ID ?? null } },
      });
    }
    if (url.pathname === '/dev/rotate-keys' && req.method === 'POST') {
      // Only from this machine: the development provider has no administrators.
      if (!isLoopback(req.socket.remoteAddress)) return answer(res, 403, { error: 'only from localhost' });
      return answer(res, 200, { kid: await this.rotateKeys() });
    }
    return this.provider.callback()(req, res);
  }

  private async showInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      return this.page(res, 200, details.uid, String(details.params.client_id));
    }
    // keten's own clients are first-party: what they ask for is granted without a consent page.
    const accountId = details.session!.accountId;
    const grant = details.grantId
      ? (await this.provider.Grant.find(details.grantId))!
      : new this.provider.Grant({ accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await this.provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(req, res);
    const form = new URLSearchParams(await readBody(req));
    const login = form.get('login') ?? '';
    const user = this.seed.users.find((candidate) => candidate.userId === login);
    if (!user || form.get('password') !== this.seed.password) {
      return this.page(
        res,
        401,
        details.uid,
        String(details.params.client_id),
        login,
        'Onbekende gebruikersnaam of onjuist wachtwoord.',
      );
    }
    await this.provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.userId } },
      { mergeWithLastSubmission: false },
    );
  }

  private page(
    res: ServerResponse,
    status: number,
    uid: string,
    clientId: string,
    login?: string,
    error?: string,
  ): void {
    res.statusCode = status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', SIGN_IN_CSP);
    res.setHeader('cache-control', 'no-store');
    res.end(
      signInPage({
        action: `/interaction/${uid}/login`,
        clientName: clientId,
        users: this.seed.users,
        login,
        error,
      }),
    );
  }

  private claimsOf(user: { agency: string; role: string; region?: string }): Record<string, string> {
    return { agency: user.agency, role: user.role, ...(user.region ? { region: user.region } : {}) };
  }

  private build(): Provider {
    const { seed, settings } = this;
    const users = new Map<string, SeedUser>(seed.users.map((user) => [user.userId, user]));
    const systems = new Map(seed.systemClients.map((client) => [client.clientId, client.actor]));
    const resourceServer = {
      scope: KETEN_SCOPE,
      audience: settings.audience,
      accessTokenTTL: settings.accessTokenTtlSeconds,
      accessTokenFormat: 'jwt' as const,
      jwt: { sign: { alg: 'ES256' as const } },
    };
    const configuration: Configuration = {
      clients: [
        {
          client_id: seed.consoleClient.clientId,
          client_name: 'keten console',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: [
            ...new Set([
              ...seed.consoleClient.redirectUris,
              ...(settings.consoleOrigins ?? []).map((origin) => `${origin}/auth/callback`),
            ]),
          ],
          post_logout_redirect_uris: [
            ...new Set([
              ...seed.consoleClient.postLogoutRedirectUris,
              ...(settings.consoleOrigins ?? []).map((origin) => `${origin}/`),
            ]),
          ],
          ...(settings.backchannelLogoutUri
            ? {
                backchannel_logout_uri: settings.backchannelLogoutUri,
                backchannel_logout_session_required: true,
              }
            : {}),
        },
        ...seed.systemClients.map((client) => ({
          client_id: client.clientId,
          client_secret: client.secret,
          token_endpoint_auth_method: 'client_secret_basic' as const,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
        })),
      ],
      clientDefaults: { id_token_signed_response_alg: 'ES256' },
      jwks: { keys: this.keys.all as NonNullable<Configuration['jwks']>['keys'] },
      cookies: { keys: this.cookieKeys },
      scopes: ['openid', 'profile', KETEN_SCOPE],
      claims: { openid: ['sub'], profile: ['name'], [KETEN_SCOPE]: ['agency', 'role', 'region'] },
      findAccount: (_ctx, id) => {
        const user = users.get(id);
        if (!user) return undefined;
        return {
          accountId: id,
          claims: () => ({ sub: id, name: user.name, ...this.claimsOf(user) }),
        };
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        revocation: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => settings.resource,
          // The code and refresh grants give the api's token, not one for the userinfo endpoint.
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator) => {
            if (indicator !== settings.resource) throw new errors.InvalidTarget();
            return resourceServer;
          },
        },
      },
      // oidc-provider refuses outgoing requests to loopback and private addresses (SSRF protection); the
      // development provider's one outgoing request is the back-channel logout to the api on this machine.
      fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
      // The console gets refresh tokens without offline_access: they die with the session at logout.
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      extraTokenClaims: (_ctx, token) => {
        // The api's claims come with its scope, as a provider's claim mapping is tied to the api's scope.
        if (
          !String(token.scope ?? '')
            .split(' ')
            .includes(KETEN_SCOPE)
        )
          return undefined;
        if (token.kind === 'ClientCredentials') {
          const system = systems.get(token.clientId!);
          return system ? this.claimsOf(system) : undefined;
        }
        const user = 'accountId' in token && token.accountId ? users.get(token.accountId) : undefined;
        if (!user) return undefined;
        // sid: the session the token belongs to, so that a back-channel logout ends exactly its connections.
        const sid = 'sid' in token && typeof token.sid === 'string' ? { sid: token.sid } : {};
        return { ...this.claimsOf(user), ...sid };
      },
      ttl: {
        AccessToken: settings.accessTokenTtlSeconds,
        ClientCredentials: settings.accessTokenTtlSeconds,
        IdToken: settings.accessTokenTtlSeconds,
        AuthorizationCode: 60,
        Interaction: 3600,
        Session: 8 * 3600,
        Grant: 8 * 3600,
        RefreshToken: 8 * 3600,
      },
      renderError: (ctx: KoaContextWithOIDC, out) => {
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = `Sign-in failed: ${out.error}${out.error_description ? ` (${out.error_description})` : ''}. Start again from the application.`;
      },
    };
    const provider = new Provider(settings.issuer, configuration);
    // The api learns of a logout only this way: say so when it does not answer.
    provider.on('backchannel.error', (_ctx, error, client) =>
      log('warn', 'back-channel logout failed', { client: client.clientId, error: (error as Error).message }),
    );
    provider.on('backchannel.success', (_ctx, client, accountId, sid) =>
      log('info', 'back-channel logout delivered', { client: client.clientId, accountId, sid }),
    );
    provider.on('server_error', (_ctx, error) =>
      log('error', 'provider error', { error: (error as Error).message }),
    );
    return provider;
  }
}

/** One JSON line on stdout, as the api and the worker log. */
export function log(
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), msg, ...fields })}\n`);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('the form is too large');
  }
  return body;
}
