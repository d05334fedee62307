import { Args, ArgsType, Field, Int, Query, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor, DataCategory } from '#domain';
import { EntityManager } from 'typeorm';
import { inboxTable, type ActivityView, type InboxRow } from '#read-models';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import {
  CurrentReadRequest,
  disclosureOf,
  LoggedReads,
  type LoggedResult,
  type ReadRequest,
} from '../../access-log/index.js';
import { InboxCaseView, InboxItemKind, InboxItemState, InboxItemView } from './inbox-item.type.js';

const INBOX_MAX = 100;

@ArgsType()
export class InboxArgs {
  @Field(() => Int, { nullable: true, description: `How many items, newest first (at most ${INBOX_MAX}).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INBOX_MAX)
  first?: number;

  @Field({ nullable: true, description: 'Only invitations still waiting for your answer.' })
  @IsOptional()
  @IsBoolean()
  pending?: boolean;
}

@Resolver(() => InboxItemView)
export class InboxResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => [InboxItemView], {
    description:
      'Invitations and referrals addressed to your agency, newest first, with the case at CASE level, who sent ' +
      'them and why. Join with joinActivation, decline with declineInvitation; the inviter sees the answer on ' +
      'the joint timeline.',
  })
  @ReadableBy(CASE_DATA)
  inbox(
    @Args() args: InboxArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<InboxItemView[]> {
    return this.reads.read({ actor, request, operation: 'inbox' }, (db, view) =>
      inboxViewOf(db, view, actor.agency, { pending: args.pending, limit: args.first ?? 50 }),
    );
  }
}

/**
 * The agency's inbox items as the read's activity lets it read them (newest first), with what their
 * reasons disclose; `keep` picks the items a read returns (a live inbox: only those new to it), and only
 * those are access-logged.
 */
export async function inboxViewOf(
  db: EntityManager,
  view: ActivityView,
  agency: string,
  query: { pending?: boolean; limit: number },
  keep: (row: InboxRow) => boolean = () => true,
): Promise<LoggedResult<InboxItemView[]>> {
  const rows = (await inboxTable.page(db, agency, query)).map((row) => view.inboxItem(row)).filter(keep);
  return {
    result: rows.map(toInboxItem),
    // The reasons are free text: a read of what they carry, as any narrative.
    disclosures: rows.map((row) =>
      disclosureOf(row.activation_id, row.kind === 'REFERRAL' ? 'referral.made' : 'agency.invited', {
        reason: row.reason,
      }),
    ),
  };
}

function toInboxItem(row: InboxRow): InboxItemView {
  const a = row.activation;
  return {
    kind: row.kind as InboxItemKind,
    state: row.state as InboxItemState,
    fromAgency: row.from_agency,
    reason: narrativeText(row.reason),
    answer: narrativeText((row.answer as { reason?: unknown } | null)?.reason),
    activation: {
      id: row.activation_id,
      caseNumber: text(a.caseNumber),
      title: narrativeText(a.title),
      kind: (text(a.kind) as InboxCaseView['kind']) ?? null,
      themes: Array.isArray(a.themes) ? (a.themes as InboxCaseView['themes']) : null,
      region: text(a.region),
      municipality: text(a.municipality),
      leadAgency: text(a.leadAgency),
      status: (text(a.status) as InboxCaseView['status']) ?? null,
    },
    withheld: row.withheld as DataCategory[],
    receivedAt: row.received_at,
    answeredAt: row.answered_at,
  };
}

function narrativeText(value: unknown): string | null {
  return typeof value === 'object' && value !== null ? text((value as { text?: unknown }).text) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
