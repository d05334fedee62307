import { Args, ArgsType, Field, Int, Query, Resolver } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { type ErasureRequestRow, erasureRequestsTable } from '#read-models';
import { CurrentActor, ERASURE_REQUESTS, ReadableBy, scopeOf } from '../../auth/index.js';
import { NullMeansAbsent } from '../../input/index.js';
import { ErasureRequestScope, ErasureStatus } from '../shared/erasure-enums.graphql.js';
import { ErasureRequestView } from './erasure-request.type.js';

/** The most requests one answer holds; those awaiting a decision come first. */
export const ERASURE_REQUESTS_MAX = 200;

@ArgsType()
export class ErasureRequestsArgs {
  @Field(() => ErasureStatus, { nullable: true, description: 'Only requests in this status.' })
  @NullMeansAbsent()
  @IsOptional()
  @IsEnum(ErasureStatus)
  status?: ErasureStatus;

  @Field(() => Int, {
    nullable: true,
    description: `At most this many (default and most: ${ERASURE_REQUESTS_MAX}).`,
  })
  @NullMeansAbsent()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ERASURE_REQUESTS_MAX)
  first?: number;
}

function viewOf(row: ErasureRequestRow, actor: Actor): ErasureRequestView {
  const status = row.status as ErasureStatus;
  return {
    erasureId: row.erasure_id,
    scope: row.scope as ErasureRequestScope,
    activationId: row.activation_id,
    ground: row.ground as ErasureRequestView['ground'],
    reason: row.reason,
    status,
    requestedBy: row.requested_by,
    requesterAgency: row.requester_agency,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    deciderAgency: row.decider_agency,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    decidable: status === ErasureStatus.REQUESTED && row.requested_by !== actor.userId,
  };
}

/**
 * What awaits the decision of the agency's privacy officers, and what they decided: the requests of the
 * officer's own agency, as its access log is its own. Another agency's requests — how many, when, their
 * free-text reasons — are not listed or counted, and deciding one answers as for an id that does not exist
 * (the decider). The table's query names the agency; row-level security admits privacy officers of the
 * requester's agency only (migration ErasureRequestsOwnAgency1795400000281).
 */
@Resolver(() => ErasureRequestView)
export class ErasureRequestsResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => [ErasureRequestView], {
    description:
      'Your agency’s erasure requests, those awaiting a decision first (then the newest first): what they ask, ' +
      'on which ground and why, who asked and who decided, never whom they erase. Privacy officers only.',
  })
  @ReadableBy(ERASURE_REQUESTS)
  erasureRequests(
    @Args() { status, first }: ErasureRequestsArgs,
    @CurrentActor() actor: Actor,
  ): Promise<ErasureRequestView[]> {
    return this.reads.read(scopeOf(actor), async (db) =>
      (
        await erasureRequestsTable.list(db, {
          readerAgency: actor.agency,
          status,
          limit: first ?? ERASURE_REQUESTS_MAX,
        })
      ).map((row) => viewOf(row, actor)),
    );
  }
}
