import { BadRequestException, Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { AppConfig } from '#platform';
import { SessionRevocations } from './session-revocations.js';
import { ACCEPTED_ALGORITHMS, TokenVerifier } from './token-verifier.js';

const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OpenID Connect Back-Channel Logout 1.0: the identity provider posts a logout token here when a session
 * ends (the user signed out, or the provider revoked it). The api then refuses that session's access tokens
 * and closes its graphql-ws connections, instead of serving them until the token expires. Register
 * `<api>/auth/backchannel-logout` as the console client's `backchannel_logout_uri` at the provider.
 */
@Controller('auth')
export class BackchannelLogoutController {
  constructor(
    private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
    private readonly revocations: SessionRevocations,
  ) {}

  @Post('backchannel-logout')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async logout(@Body() body: Record<string, unknown> | undefined): Promise<Record<string, never>> {
    const logoutToken = body?.logout_token;
    if (typeof logoutToken !== 'string') refuse('invalid_request', 'Post the logout_token form parameter.');
    let payload: Record<string, unknown>;
    let issuer: string;
    try {
      const trust = await this.verifier.trustedKeys.trust();
      issuer = trust.issuer;
      ({ payload } = await jwtVerify(logoutToken, trust.keys, {
        issuer,
        audience: [...this.config.jwt.logoutClients],
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '5m',
      }));
    } catch (error) {
      const why = error instanceof errors.JOSEError ? error.message : 'not verifiable';
      refuse('invalid_request', `The logout token is not acceptable: ${why}.`);
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (typeof events?.[BACKCHANNEL_LOGOUT_EVENT] !== 'object' || 'nonce' in payload) {
      refuse('invalid_request', 'The token is not a back-channel logout token (events, no nonce).');
    }
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (!sid && !sub)
      refuse('invalid_request', 'The logout token names neither a session (sid) nor a user (sub).');
    this.revocations.end({ issuer, sid, sub, at: new Date() });
    return {};
  }
}

function refuse(error: string, description: string): never {
  throw new BadRequestException({ error, error_description: description });
}
