import { errors, jwtVerify } from 'jose';
import { Actor, parseActor } from '#domain';
import { AppConfig } from '#platform';
import { Injectable } from '@nestjs/common';
import { mapClaims } from './claim-mapping.js';
import { SessionRevocations } from './session-revocations.js';
import { IssuerUnreachableError, TrustedKeys } from './trusted-keys.js';
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
  readonly issuer: string;
  /** The provider's session the token belongs to (`sid`), when it names one. */
  readonly sid?: string;
  readonly issuedAt?: Date;
}

export const SESSION_ENDED = 'The session of this token was ended (signed out); sign in again for a new one.';

/**
 * Checks a bearer token against the trusted keys, issuer and audience and turns its claims, as the
 * configured claim mapping reads them, into an Actor.
 */
@Injectable()
export class TokenVerifier {
  private readonly keys: TrustedKeys;
  private readonly verified = new VerifiedTokens<AuthenticatedSession>();

  constructor(
    private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {
    this.keys = new TrustedKeys(config.jwt);
  }

  /** The keys and issuer tokens are checked against (the back-channel logout checks its tokens with them). */
  get trustedKeys(): TrustedKeys {
    return this.keys;
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
    let session = this.verified.get(token);
    if (!session) {
      session = await this.check(token);
      // Remembered from its verification on, never longer: a key taken out of the JWKS stops counting soon.
      this.verified.remember(token, session);
    }
    // Asked every time, also of a token verified a moment ago: a logout takes effect at once.
    if (this.revocations.ended(session.issuer, session.sid, session.actor.userId, session.issuedAt)) {
      throw new AuthenticationError(SESSION_ENDED);
    }
    return session;
  }

  private async check(token: string): Promise<AuthenticatedSession> {
    const { audience, claims } = this.config.jwt;
    let payload: Record<string, unknown>;
    let issuer: string;
    try {
      const trust = await this.keys.trust();
      issuer = trust.issuer;
      ({ payload } = await jwtVerify(token, trust.keys, {
        issuer,
        audience,
        algorithms: ACCEPTED_ALGORITHMS,
        // A token must expire: a live subscription on one that never does would never be closed.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new AuthenticationError(describeRejection(error));
    }
    const mapped = mapClaims(payload, claims);
    if (!mapped.ok) throw new AuthenticationError(`The token's claims are not acceptable: ${mapped.message}`);
    const actor = parseActor(mapped.claims);
    if (!actor.ok)
      throw new AuthenticationError(`The token's claims are not acceptable: ${actor.error.message}`);
    // jwtVerify checked exp when present; setExpirationTime is how every keten token is signed.
    const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined;
    return {
      actor: actor.value,
      expiresAt,
      issuer,
      sid: typeof payload.sid === 'string' ? payload.sid : undefined,
      issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : undefined,
    };
  }
}

function describeRejection(error: unknown): string {
  if (error instanceof IssuerUnreachableError || error instanceof errors.JWKSTimeout) {
    return `keten cannot check the token now: its identity provider does not answer (${error.message}); try again shortly.`;
  }
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
