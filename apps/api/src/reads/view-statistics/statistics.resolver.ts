import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { CurrentActor, FIGURES, ReadableBy } from '../../auth/index.js';
import { StatisticsArgs } from './statistics.args.js';
import { statisticsOf } from './statistics.query.js';
import { ActivationStatistics } from './statistics.type.js';

@Resolver(() => ActivationStatistics)
export class StatisticsResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => ActivationStatistics, {
    description: 'How many activations your agency sees, and how they break down (LOT-C accountability).',
  })
  @ReadableBy(FIGURES)
  statistics(
    @Args() { filter }: StatisticsArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<ActivationStatistics> {
    // Counts name no person: nothing of them is access-logged, but they are read the one way case data is.
    return this.reads.read({ actor, request, operation: 'statistics' }, async (db, view) => {
      return { result: await statisticsOf(db, actor.agency, view, filter ?? {}), disclosures: [] };
    });
  }
}
