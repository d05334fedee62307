import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import type { Actor } from '#domain';
import { AppConfig } from '#platform';
import { IS_PUBLIC } from '../auth/index.js';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { FixedWindowCounter } from './fixed-window.counter.js';

/** The budget is per agency per minute. */
export const AGENCY_RATE_WINDOW_MS = 60_000;

const DECISION = Symbol('keten:rate-limit-decision');

interface LimitedRequest {
  actor?: Actor;
  [DECISION]?: { refusal?: GraphQLError };
}

interface HeaderTarget {
  setHeader?: (name: string, value: string) => unknown;
}

export function rateLimited(limit: number, retryAfterSeconds: number): GraphQLError {
  return apiError(
    ApiErrorCode.RATE_LIMITED,
    `Your agency has sent more than ${limit} operations in a minute to this server; retry in ${retryAfterSeconds} s, or spread the load.`,
    { reason: 'AGENCY_RATE_LIMIT', retryAfterSeconds },
  );
}

/**
 * Rate limits per agency (DESIGN §6), keyed by the agency of the verified token: all users and systems of
 * an agency share one budget per api instance (RATE_LIMIT_PER_AGENCY). It runs after
 * GraphqlAuthGuard (registered after it in AuthModule), so every operation it sees has an actor; public
 * operations (no agency) and HTTP routes (health probes) are not limited. A GraphQL request counts once
 * however many root fields it asks for, and each operation on a WebSocket counts once.
 *
 * Not @nestjs/throttler: its only build is CommonJS requiring the ES-module-only @nestjs/common, which
 * Node loads but Jest (before Node 24.9) cannot, and every e2e test boots this module.
 */
/**
 * One agency budget per api instance, shared by GraphQL operations (the guard) and the HTTP routes that
 * verify their own token (attachments): one request of either kind spends one.
 */
@Injectable()
export class AgencyRateBudget {
  private readonly counter = new FixedWindowCounter(AGENCY_RATE_WINDOW_MS);

  constructor(private readonly config: AppConfig) {}

  /** Spends one for the agency and sets the rate-limit headers; the refusal when the budget is gone. */
  spend(agency: string, res: HeaderTarget): GraphQLError | undefined {
    const limit = this.config.rateLimitPerAgencyPerMinute;
    const { hits, resetSeconds } = this.counter.hit(agency);
    // Over a WebSocket there is no response to put headers on; the error says it all.
    res.setHeader?.('x-ratelimit-limit', String(limit));
    res.setHeader?.('x-ratelimit-remaining', String(Math.max(0, limit - hits)));
    res.setHeader?.('x-ratelimit-reset', String(resetSeconds));
    if (hits <= limit) return undefined;
    res.setHeader?.('retry-after', String(resetSeconds));
    return rateLimited(limit, resetSeconds);
  }
}

@Injectable()
export class AgencyRateLimitGuard implements CanActivate {
  constructor(
    private readonly budget: AgencyRateBudget,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const { req, res } = GqlExecutionContext.create(context).getContext<{
      req: LimitedRequest;
      res?: HeaderTarget;
    }>();
    // The root fields of one request share its decision: counted once, refused together.
    req[DECISION] ??= this.decide(req, res ?? {});
    if (req[DECISION].refusal) throw req[DECISION].refusal;
    return true;
  }

  private decide(req: LimitedRequest, res: HeaderTarget): { refusal?: GraphQLError } {
    if (!req.actor) {
      // Fails closed: an operation without an actor here means the guards ran out of order.
      throw new Error('AgencyRateLimitGuard ran before GraphqlAuthGuard verified the token');
    }
    const refusal = this.budget.spend(req.actor.agency, res);
    return refusal ? { refusal } : {};
  }
}
