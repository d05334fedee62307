import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, Role } from '#domain';
import type { ReadScope } from '#platform';
import { RequestContext } from './graphql-auth.guard.js';
import { apiError, ApiErrorCode } from '../errors/index.js';

/** Which roles may make a kind of read, and what to tell the others. */
export interface ReadPolicy {
  readonly roles: readonly Role[];
  readonly refusal: (role: Role) => string;
}

/** Activations, timelines and statistics: the people and systems that work cases (DESIGN §2, §6). */
export const CASE_DATA: ReadPolicy = {
  roles: [Role.INSPECTOR, Role.COORDINATOR, Role.AGENCY_SYSTEM],
  refusal: (role) =>
    role === Role.PRIVACY_OFFICER
      ? 'A privacy officer reads the access log, not case data; query accessLog to see who read what.'
      : role === Role.NATIONAL_COORDINATOR
        ? 'The national coordinating team reads the figures of every region, not cases; query statistics, statisticsExport or yearlyReport.'
        : 'A policy admin manages agreements and reads no case data; sign in as an inspector, coordinator or agency system to read activations.',
};

/** The accountability figures: those who work cases (of what they see), and the national team (of every region). */
export const FIGURES: ReadPolicy = {
  roles: [...CASE_DATA.roles, Role.NATIONAL_COORDINATOR],
  refusal: CASE_DATA.refusal,
};

/** Who saw whose data: only the privacy officer (row-level security checks the role again). */
export const ACCESS_LOG: ReadPolicy = {
  roles: [Role.PRIVACY_OFFICER],
  refusal: () =>
    'Only a privacy officer may read the access log; ask your privacy officer (FG) for this information.',
};

/**
 * What the retention job destroyed when (case numbers, selection-list categories, dates; no personal
 * data): the privacy officers who answer for the processing and the policy admins who keep the register
 * that decides it, each of the activations their agency was entitled to (row-level security again).
 */
export const RETENTION_REPORT: ReadPolicy = {
  roles: [Role.PRIVACY_OFFICER, Role.POLICY_ADMIN],
  refusal: () =>
    'Only a privacy officer or a policy admin may read what the retention job destroyed; ask your privacy officer (FG).',
};

/**
 * The erasure requests (no personal data: never whom they erase): the privacy officers, each of their own
 * agency's, any other of whom may be the second pair of eyes (row-level security checks role and agency again).
 */
export const ERASURE_REQUESTS: ReadPolicy = {
  roles: [Role.PRIVACY_OFFICER],
  refusal: () =>
    'Only a privacy officer may read the erasure requests; ask your privacy officer (FG) to request or decide an erasure.',
};

const READ_POLICY = 'keten:read-policy';

/** Refuses the query with FORBIDDEN, before anything is read, unless the actor's role fits the policy. */
export const ReadableBy = (policy: ReadPolicy) =>
  applyDecorators(SetMetadata(READ_POLICY, policy), UseGuards(ReadAccessGuard));

@Injectable()
export class ReadAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.get<ReadPolicy>(READ_POLICY, context.getHandler());
    const actor = GqlExecutionContext.create(context).getContext<RequestContext>().req.actor;
    // The global authentication guard runs first and sets the actor; without one, read nothing.
    if (!actor) throw apiError(ApiErrorCode.UNAUTHENTICATED, 'Send "Authorization: Bearer <token>" to read.');
    if (policy.roles.includes(actor.role)) return true;
    throw apiError(ApiErrorCode.FORBIDDEN, policy.refusal(actor.role), { reason: 'ROLE_MAY_NOT_READ' });
  }
}

/** The settings row-level security reads: the actor's agency and role. */
export function scopeOf(actor: Actor): ReadScope {
  return { agency: actor.agency, role: actor.role };
}
