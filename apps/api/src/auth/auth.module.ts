import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphqlAuthGuard } from './graphql-auth.guard.js';
import { TokenVerifier } from './token-verifier.js';

@Module({
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: GraphqlAuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
