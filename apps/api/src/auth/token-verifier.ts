import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  JSONWebKeySet,
  JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { Actor, parseActor } from '#domain';
import { AppConfig } from '#platform';
import { Injectable } from '@nestjs/common';
import { VerifiedTokens } from './verified-tokens.cache.js';

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned (`none`) token is never accepted. */
export const ACCEPTED_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

export interface AuthenticatedSession {
  readonly actor: Actor;
  /** When the token expires; undefined for a token without `exp`. */
  readonly expiresAt: Date | undefined;
}

/** Checks a bearer token against the configured keys, issuer and audience and turns its claims into an Actor. */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly verified = new VerifiedTokens<AuthenticatedSession>();

  constructor(private readonly config: AppConfig) {
    const { jwksUrl, jwksFile } = config.jwt;
    this.keys = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : createLocalJWKSet(readJwks(jwksFile));
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    return (await this.authenticate(authorization)).actor;
  }

  /**
   * As verify, with the moment the token stops being valid: a long-lived connection (a GraphQL
   * subscription) is authenticated once and must end when its token does.
   */
  async authenticate(authorization: string | undefined): Promise<AuthenticatedSession> {
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
    if (!token) {
      throw new AuthenticationError(
        'No bearer token: send "Authorization: Bearer <token>" with every request.',
      );
    }
    const known = this.verified.get(token);
    if (known) return known;
    const session = await this.check(token);
    this.verified.remember(token, session);
    return session;
  }

  private async check(token: string): Promise<AuthenticatedSession> {
    const { issuer, audience } = this.config.jwt;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer,
        audience,
        algorithms: ACCEPTED_ALGORITHMS,
        // A token must expire: a live subscription on one that never does would never be closed.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new AuthenticationError(describeRejection(error));
    }
    const actor = parseActor({
      userId: payload.sub,
      agency: payload.agency,
      role: payload.role,
      region: payload.region,
    });
    if (!actor.ok)
      throw new AuthenticationError(`The token's claims are not acceptable: ${actor.error.message}`);
    // jwtVerify checked exp when present; setExpirationTime is how every keten token is signed.
    const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined;
    return { actor: actor.value, expiresAt };
  }
}

function readJwks(file: string): JSONWebKeySet {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    throw new Error(
      `Cannot read the token keys from JWT_JWKS_FILE=${file} (${(error as Error).message}). ` +
        `Run 'npm run token -- --agency NLA --role INSPECTOR' once to create dev keys, or set JWT_JWKS_URL.`,
      { cause: error },
    );
  }
}

function describeRejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired; sign in again for a new one.';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
    return 'The token is not valid yet (its "nbf" lies in the future); use it from then on, or check the clock of its issuer.';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The token's "${error.claim}" claim is not acceptable (${error.reason}); ask for a token issued for keten.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `The token is signed with an algorithm keten does not accept; use one of ${ACCEPTED_ALGORITHMS.join(', ')}.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'The token signature does not match any trusted key.';
  }
  return 'The token is malformed or not signed by a trusted issuer.';
}
