import { Parent, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { Actor } from '#domain';
import { VersionTokens } from '#events';
import { ReadModelWatermark } from '#read-models';
import { ActivationCommandResult } from '../../activations/index.js';
import { CurrentActor } from '../../auth/index.js';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { ActivationView } from '../shared/activation.type.js';
import { activationViewOf } from '../shared/activation-views.js';

export enum ProjectionView {
  /** The read models include this command's events. */
  CURRENT = 'CURRENT',
  /** The projector had not caught up within the wait; the command succeeded, its view follows shortly. */
  PENDING = 'PENDING',
}
registerEnumType(ProjectionView, { name: 'ProjectionView' });

/** How long a mutation waits for its own events to reach the read models before answering PENDING. */
export const VIEW_WAIT_MS = 2000;

type ResultWithView = ActivationCommandResult & { viewReached?: Promise<boolean> };

/**
 * Lets a mutation answer the activation as the caller sees it after the command: it waits (at most
 * VIEW_WAIT_MS) for the projector to pass the appended events, and says PENDING rather than answer stale.
 * Only clients that ask for `view` or `activation` wait.
 */
@Resolver(() => ActivationCommandResult)
export class CommandResultViewResolver {
  private readonly watermark: ReadModelWatermark;

  constructor(
    dataSource: DataSource,
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {
    this.watermark = new ReadModelWatermark(dataSource);
  }

  @ResolveField(() => ProjectionView, {
    description: 'CURRENT when the read models include this command; PENDING when they did not within 2 s.',
  })
  async view(@Parent() result: ResultWithView): Promise<ProjectionView> {
    return (await this.reached(result)) ? ProjectionView.CURRENT : ProjectionView.PENDING;
  }

  @ResolveField(() => ActivationView, {
    nullable: true,
    description:
      'The activation as your agency sees it after this command; null while the view is PENDING, or when ' +
      'your agency does not see it (for instance after leaving it).',
  })
  async activation(
    @Parent() result: ResultWithView,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<ActivationView | null> {
    if (!(await this.reached(result))) return null;
    return this.reads.read({ actor, request, operation: 'activation' }, async (db, view) => {
      const found = await activationViewOf(db, view, actor.agency, result.activationId, this.tokens);
      return found
        ? { ...found, result: found.result as ActivationView | null }
        : { result: null, disclosures: [] };
    });
  }

  private reached(result: ResultWithView): Promise<boolean> {
    result.viewReached ??= result.checkpoint
      ? this.watermark.waitFor(result.checkpoint, VIEW_WAIT_MS)
      : Promise.resolve(true);
    return result.viewReached;
  }
}
