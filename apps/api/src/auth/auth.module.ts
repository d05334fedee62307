import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgencyRateLimitGuard } from '../limits/agency-rate-limit.guard.js';
import { GraphqlAuthGuard } from './graphql-auth.guard.js';
import { TokenVerifier } from './token-verifier.js';
import { WebSocketAuth } from './websocket-auth.js';

@Module({
  providers: [
    TokenVerifier,
    WebSocketAuth,
    // Global guards run in the order they are registered: the rate limit needs the verified agency.
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
    { provide: APP_GUARD, useClass: AgencyRateLimitGuard },
  ],
  exports: [TokenVerifier, WebSocketAuth],
})
export class AuthModule {}
