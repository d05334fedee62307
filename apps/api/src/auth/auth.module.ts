import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphqlAuthGuard } from './graphql-auth.guard.js';
import { BackchannelLogoutController } from './backchannel-logout.controller.js';
import { SessionRevocations } from './session-revocations.js';
import { TokenVerifier } from './token-verifier.js';
import { WebSocketAuth } from './websocket-auth.js';

@Module({
  controllers: [BackchannelLogoutController],
  providers: [
    SessionRevocations,
    TokenVerifier,
    WebSocketAuth,
    // The first global guard: LimitsModule's rate limit, registered after it, needs the verified agency.
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
  exports: [TokenVerifier, WebSocketAuth],
})
export class AuthModule {}
