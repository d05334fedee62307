import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { AgreementStatus, RecordedAgreement, type Actor } from '#domain';
import { agreementStreamId, EventStore, StoredEvent, VersionTokens } from '#events';
import { CurrentActor } from '../../auth/index.js';
import { IsClientId } from '../../input/index.js';
import { toPendingProposal } from '../shared/agreement-row.mapper.js';
import { knownAgreement } from '../shared/known-agreement.js';
import { AgreementHistoryEntry, AgreementWithHistory } from './agreement-history.type.js';

@ArgsType()
export class AgreementArgs {
  /** An id as the commands take it: anything else names no agreement, and is bad input. */
  @Field(() => ID)
  @IsClientId()
  id!: string;
}

/**
 * One agreement from its own stream (not a read model: the history is the record, and a decision should
 * be made on the version as it is now). Only a policy admin of a party, or the recipient agency, sees it;
 * anyone else gets what a missing id gets.
 */
@Resolver(() => AgreementWithHistory)
export class ViewAgreementResolver {
  constructor(
    private readonly store: EventStore,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => AgreementWithHistory, {
    description:
      'An agreement with its full history (who proposed, approved, rejected, changed or revoked it, when and ' +
      'why) and its current `version` for `expectedVersion`. NOT_FOUND unless your agency is party to it.',
  })
  async agreement(
    @Args() { id: agreementId }: AgreementArgs,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementWithHistory> {
    const { state, events } = await knownAgreement(this.store, agreementId, actor, { recipientToo: true });
    return {
      ...this.toType(state, this.tokens.of(agreementStreamId(agreementId), events.length)),
      history: events.map((event) => this.toEntry(event)),
    };
  }

  private toType(state: RecordedAgreement, version: string): Omit<AgreementWithHistory, 'history'> {
    return {
      agreementId: state.agreementId,
      agency: state.agency,
      approverAgency: state.approverAgency ?? null,
      status: state.status as AgreementStatus,
      categories: [...state.categories],
      activities: [...state.activities],
      purpose: state.purpose,
      legalBasis: state.legalBasis.text,
      legalReference: state.legalBasis.reference,
      validFrom: new Date(state.validFrom),
      validUntil: state.validUntil ? new Date(state.validUntil) : null,
      regionScope: state.regionScope ?? null,
      grantedBy: state.grantedBy,
      approvedBy: state.approvedBy ?? null,
      pending: state.pending ? toPendingProposal(state.pending) : null,
      version,
    };
  }

  private toEntry(event: StoredEvent): AgreementHistoryEntry {
    const data = event.data as Record<string, unknown>;
    const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
    const date = (key: string) => (typeof data[key] === 'string' ? new Date(data[key] as string) : null);
    const list = <T>(key: string) => (Array.isArray(data[key]) ? (data[key] as T[]) : null);
    const { actor } = event.metadata;
    const isExpiry = event.type === 'agreement.expired';
    return {
      streamVersion: event.streamVersion,
      version: this.tokens.of(event.streamId, event.streamVersion),
      type: event.type,
      at: new Date(event.occurredAt),
      by: isExpiry ? null : actor.userId,
      agency: isExpiry ? null : actor.agency,
      reason: text('reason'),
      categories: list('categories'),
      activities: list('activities'),
      purpose: text('purpose'),
      validFrom: date('validFrom'),
      validUntil: isExpiry ? null : date('validUntil'),
      regionScope: text('regionScope'),
    };
  }
}
