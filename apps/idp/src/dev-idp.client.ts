import { createHash, randomBytes } from 'node:crypto';

/** What the provider's token endpoint answers. */
export interface TokenSet {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly scope?: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
}

/**
 * A client of an OpenID Connect provider that does over HTTP what a browser and the console do: the
 * authorization-code flow with PKCE (following the redirects, posting the sign-in form as a browser posts
 * it, keeping the provider's cookies), refresh, logout, and the client-credentials grant of a system. The
 * tests, `npm run token -- --idp` and the demo loader get their tokens from the development provider with it.
 */
export class OidcBrowserClient {
  private readonly cookies = new Map<string, string>();
  private discovery?: Discovery;

  constructor(
    readonly issuer: string,
    private readonly clientId = 'keten-console',
    private readonly redirectUri = 'http://127.0.0.1:5173/auth/callback',
  ) {}

  async metadata(): Promise<Discovery> {
    this.discovery ??= (await this.json(
      await fetch(`${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`),
      'discovery',
    )) as Discovery;
    return this.discovery;
  }

  /** Signs `login` in with `password` through the sign-in page; answers the tokens of the code exchange. */
  async signIn(login: string, password: string, scope = 'openid profile keten'): Promise<TokenSet> {
    const { authorization_endpoint, token_endpoint } = await this.metadata();
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const authorize = new URL(authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: this.clientId,
      response_type: 'code',
      redirect_uri: this.redirectUri,
      scope,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();

    let response = await this.request(authorize.toString());
    let posted = false;
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get('location');
      if (location?.startsWith(this.redirectUri)) {
        const back = new URL(location);
        if (back.searchParams.get('state') !== state) throw new Error('the provider answered another state');
        const code = back.searchParams.get('code');
        if (!code)
          throw new Error(
            `sign-in refused: ${back.searchParams.get('error_description') ?? back.searchParams.get('error')}`,
          );
        return this.token(token_endpoint, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: this.redirectUri,
          client_id: this.clientId,
          code_verifier: verifier,
        });
      }
      if (location) {
        response = await this.request(new URL(location, response.url || this.issuer).toString());
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      if (response.status === 401 || !action || posted) {
        throw new Error(
          `sign-in as ${login} failed (HTTP ${response.status}): ${/role="alert">([^<]*)/.exec(page)?.[1] ?? page.slice(0, 200)}`,
        );
      }
      posted = true;
      response = await this.request(new URL(action, this.issuer).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password }).toString(),
      });
    }
    throw new Error('sign-in did not come back to the client after 20 redirects');
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return this.token((await this.metadata()).token_endpoint, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: this.clientId,
    });
  }

  /** RP-initiated logout, confirmed on the provider's page as a person would: the session ends. */
  async signOut(idToken: string): Promise<void> {
    const { end_session_endpoint } = await this.metadata();
    const url = new URL(end_session_endpoint);
    url.search = new URLSearchParams({ id_token_hint: idToken, client_id: this.clientId }).toString();
    const page = await (await this.request(url.toString())).text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !xsrf) throw new Error(`the provider showed no logout form: ${page.slice(0, 200)}`);
    const done = await this.request(new URL(action, this.issuer).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    if (done.status >= 400) throw new Error(`logout failed (HTTP ${done.status}): ${await done.text()}`);
  }

  /** The client-credentials grant of a confidential client (an agency's system). */
  async clientCredentials(clientId: string, secret: string, scope = 'keten'): Promise<TokenSet> {
    return this.token(
      (await this.metadata()).token_endpoint,
      { grant_type: 'client_credentials', scope },
      `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    );
  }

  private async token(
    endpoint: string,
    form: Record<string, string>,
    authorization?: string,
  ): Promise<TokenSet> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return (await this.json(response, `the ${form.grant_type} grant`)) as TokenSet;
  }

  private async json(response: Response, what: string): Promise<unknown> {
    const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
    if (!response.ok) {
      throw new Error(
        `${what} failed (HTTP ${response.status}): ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
      );
    }
    return body;
  }

  /** One request without following redirects, with the cookies the provider set before. */
  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}
