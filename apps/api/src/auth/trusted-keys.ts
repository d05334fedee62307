import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { JwtSettings } from '#platform';

/** What a token is checked against: the keys that may sign it and the issuer it must name. */
export interface TokenTrust {
  readonly issuer: string;
  readonly keys: JWTVerifyGetKey;
}

export class IssuerUnreachableError extends Error {}

/** How long the api waits for the provider's discovery document or JWKS. */
const FETCH_TIMEOUT_MS = 5000;

/**
 * Where the keys that sign tokens come from. With OIDC_ISSUER_URL: the provider's discovery document,
 * read at the first token (so the api starts while its provider does not answer yet) and its JWKS, which
 * jose caches for OIDC_JWKS_MAX_AGE_MS and fetches again when a token names a key id it does not hold — at
 * most once per OIDC_JWKS_COOLDOWN_MS, so a flood of made-up key ids cannot make the api fetch in a loop.
 * Otherwise a JWKS URL or a local JWKS file (tests and `npm run token`), with JWT_ISSUER.
 */
export class TrustedKeys {
  private discovered?: Promise<TokenTrust>;
  private failedAt = 0;

  constructor(private readonly settings: JwtSettings) {
    // A local JWKS file is read at start-up, so that a missing one stops the process with a sentence.
    if (!settings.oidc && !settings.jwksUrl) {
      this.discovered = Promise.resolve({
        issuer: settings.issuer,
        keys: createLocalJWKSet(readJwks(settings.jwksFile)),
      });
    }
  }

  /** The expected issuer, for messages; with OIDC the configured issuer URL. */
  get issuer(): string {
    return this.settings.oidc?.issuerUrl ?? this.settings.issuer;
  }

  async trust(): Promise<TokenTrust> {
    const { oidc } = this.settings;
    if (!oidc) {
      this.discovered ??= Promise.resolve({
        issuer: this.settings.issuer,
        keys: createRemoteJWKSet(new URL(this.settings.jwksUrl!)),
      });
      return this.discovered;
    }
    // A failed discovery is tried again, but not more often than the JWKS cooldown allows.
    if (this.discovered === undefined && Date.now() - this.failedAt < oidc.jwksCooldownMs) {
      throw new IssuerUnreachableError(`the identity provider ${oidc.issuerUrl} did not answer a moment ago`);
    }
    this.discovered ??= this.discover(oidc).catch((error: unknown) => {
      this.discovered = undefined;
      this.failedAt = Date.now();
      throw error;
    });
    return this.discovered;
  }

  private async discover(oidc: NonNullable<JwtSettings['oidc']>): Promise<TokenTrust> {
    const url = `${oidc.issuerUrl}/.well-known/openid-configuration`;
    let metadata: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      metadata = (await response.json()) as typeof metadata;
    } catch (error) {
      throw new IssuerUnreachableError(`cannot read ${url} (${(error as Error).message})`, { cause: error });
    }
    // OpenID Connect Discovery §4.3: the document's issuer must be the one asked for.
    if (metadata.issuer !== oidc.issuerUrl || typeof metadata.jwks_uri !== 'string') {
      throw new IssuerUnreachableError(
        `${url} names issuer ${String(metadata.issuer)} and JWKS ${String(metadata.jwks_uri)}; expected issuer ${oidc.issuerUrl} (OIDC_ISSUER_URL)`,
      );
    }
    return {
      issuer: oidc.issuerUrl,
      keys: createRemoteJWKSet(new URL(metadata.jwks_uri), {
        cooldownDuration: oidc.jwksCooldownMs,
        cacheMaxAge: oidc.jwksMaxAgeMs,
        timeoutDuration: FETCH_TIMEOUT_MS,
      }),
    };
  }
}

function readJwks(file: string): JSONWebKeySet {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    throw new Error(
      `Cannot read the token keys from JWT_JWKS_FILE=${file} (${(error as Error).message}). ` +
        `Run 'npm run token -- --init' once to create dev keys, or set OIDC_ISSUER_URL.`,
      { cause: error },
    );
  }
}
