import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgencyRateBudget, AgencyRateLimitGuard } from './agency-rate-limit.guard.js';
import { WebSocketFrameLimit } from './websocket-frame-limit.js';

/**
 * The abuse limits that are not part of GraphQL validation: the per-agency rate limit (a global guard; it
 * needs the verified agency, so ApiModule imports this module after AuthModule, whose guard runs first)
 * and the WebSocket frame limit.
 */
@Module({
  providers: [AgencyRateBudget, { provide: APP_GUARD, useClass: AgencyRateLimitGuard }, WebSocketFrameLimit],
  exports: [AgencyRateBudget],
})
export class LimitsModule {}
