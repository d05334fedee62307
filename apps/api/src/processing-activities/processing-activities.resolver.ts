import { Args, ArgsType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import {
  ACTIVITY_ID_MAX,
  foldProcessingActivity,
  ProcessingActivityEvent,
  processingActivityUri,
  type Actor,
} from '#domain';
import { EventStore, processingActivityStreamId, processingActivityStreams, VersionTokens } from '#events';
import { CurrentActor } from '../auth/index.js';
import { CommandGateway, CommandMapping, IdempotentCommandInput } from '../commands/index.js';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { toSelectionListCategoryView } from '../retention/index.js';
import { PROCESSING_ACTIVITY_ERROR_CODES } from './processing-activity-errors.mapping.js';
import {
  ApproveProcessingActivityInput,
  ChangeProcessingActivityInput,
  ProposeProcessingActivityInput,
  RejectProcessingActivityInput,
} from './processing-activity.input.js';
import { ProcessingActivity, ProcessingActivityCommandResult } from './processing-activity.type.js';

@ArgsType()
export class ProcessingActivityArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(ACTIVITY_ID_MAX)
  id!: string;
}

const PROPOSE: CommandMapping = { type: 'ProposeProcessingActivity' };
const CHANGE: CommandMapping = { type: 'ChangeProcessingActivity' };
const APPROVE: CommandMapping = { type: 'ApproveProcessingActivity' };
const REJECT: CommandMapping = { type: 'RejectProcessingActivity' };

/**
 * The register of processing activities, kept by the policy admins of each activity's controllers: one
 * proposes, a policy admin of another controller approves (the entry's next version) or rejects. The
 * register is no secret: every signed-in user may read an entry.
 */
@Resolver(() => ProcessingActivity)
export class ProcessingActivitiesResolver {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
    private readonly tokens: VersionTokens,
  ) {}

  @Mutation(() => ProcessingActivityCommandResult, {
    description:
      'Proposes a register entry; it is in the register once a policy admin of another controller approves it.',
  })
  proposeProcessingActivity(
    @Args('input') input: ProposeProcessingActivityInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.execute(PROPOSE, input, actor);
  }

  @Mutation(() => ProcessingActivityCommandResult, {
    description:
      'Proposes new terms for a registered entry: its next version once another controller approves.',
  })
  changeProcessingActivity(
    @Args('input') input: ChangeProcessingActivityInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.execute(CHANGE, input, actor);
  }

  @Mutation(() => ProcessingActivityCommandResult)
  approveProcessingActivity(
    @Args('input') input: ApproveProcessingActivityInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.execute(APPROVE, input, actor);
  }

  @Mutation(() => ProcessingActivityCommandResult)
  rejectProcessingActivity(
    @Args('input') input: RejectProcessingActivityInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.execute(REJECT, input, actor);
  }

  @Query(() => ProcessingActivity, {
    description: 'A register entry with its history and its registered version.',
  })
  async processingActivity(@Args() { id }: ProcessingActivityArgs): Promise<ProcessingActivity> {
    const streamId = processingActivityStreamId(id);
    const events = await this.store.readStream(streamId);
    const state = foldProcessingActivity(
      events.map(({ type, data }) => ({ type, data }) as ProcessingActivityEvent),
    );
    if (!state.recorded) {
      throw apiError(ApiErrorCode.NOT_FOUND, `The register has no entry ${id}; check the id.`, {
        reason: 'NOT_FOUND',
        field: 'id',
      });
    }
    return {
      activityId: state.activityId,
      status: state.status,
      registerVersion: state.version,
      uri: state.version > 0 ? processingActivityUri(state.activityId, state.version) : null,
      name: state.name,
      purpose: state.purpose,
      legalBasis: state.legalBasis.text,
      legalReference: state.legalBasis.reference,
      controllers: [...state.controllers],
      retention: state.retention,
      selectionListCategory: state.selectionListCategory
        ? toSelectionListCategoryView(state.selectionListCategory)
        : null,
      pending: state.pending !== undefined,
      version: this.tokens.of(streamId, events.length),
      history: events.map((event) => ({
        type: event.type,
        at: new Date(event.occurredAt),
        by: event.metadata.actor.userId,
        agency: event.metadata.actor.agency,
        reason:
          typeof (event.data as { reason?: unknown }).reason === 'string'
            ? (event.data as { reason: string }).reason
            : null,
      })),
    };
  }

  private async execute(
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
  ): Promise<ProcessingActivityCommandResult> {
    const result = await this.gateway.execute(
      processingActivityStreams,
      PROCESSING_ACTIVITY_ERROR_CODES,
      mapping,
      input,
      actor,
      'token',
    );
    const { activityId } = result.command;
    return {
      activityId,
      version: this.gateway.present(
        processingActivityStreamId(activityId),
        result.streamVersion,
        'token',
      ) as string,
      eventIds: result.eventIds,
      duplicate: result.duplicate,
    };
  }
}
