import { Args, Query, Resolver } from '@nestjs/graphql';
import { ActivationKind, ActivationTrigger, InterventionType, Theme, type Actor } from '#domain';
import { activationsTable, StatisticsCount, StatisticsDimension } from '#read-models';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { StatisticsArgs } from './statistics.args.js';
import { ActivationStatistics, CountByKey } from './statistics.type.js';

type Breakdown = Exclude<keyof ActivationStatistics, 'total'>;

/**
 * Each breakdown and the dimension it counts by. Fixed vocabularies list every key, with zero where no
 * activation has it, so reports always have the same rows; regions and months list those found.
 */
const BREAKDOWNS: Record<Breakdown, { dimension: StatisticsDimension; keys?: readonly string[] }> = {
  byKind: { dimension: 'kind', keys: Object.values(ActivationKind) },
  byTheme: { dimension: 'theme', keys: Object.values(Theme) },
  byTrigger: { dimension: 'trigger', keys: Object.values(ActivationTrigger) },
  byIntegratedDeployment: { dimension: 'integrated', keys: ['YES', 'NO', 'UNDECIDED'] },
  byOutcome: { dimension: 'outcome', keys: [...Object.values(InterventionType), 'NONE'] },
  byRegion: { dimension: 'region' },
  byMonth: { dimension: 'month' },
};

@Resolver(() => ActivationStatistics)
export class StatisticsResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => ActivationStatistics, {
    description: 'How many activations your agency sees, and how they break down (LOT-C accountability).',
  })
  @ReadableBy(CASE_DATA)
  statistics(
    @Args() { filter }: StatisticsArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<ActivationStatistics> {
    // Counts name no person: nothing of them is access-logged, but they are read the one way case data is.
    return this.reads.read({ actor, request, operation: 'statistics' }, async (db) => {
      const rows = await activationsTable.statistics(db, actor.agency, filter ?? {});
      const statistics = {
        total: rows.find((row) => row.dimension === 'total')?.count ?? 0,
      } as ActivationStatistics;
      for (const name of Object.keys(BREAKDOWNS) as Breakdown[]) {
        const { dimension, keys } = BREAKDOWNS[name];
        statistics[name] = breakdown(
          rows.filter((row) => row.dimension === dimension),
          keys,
        );
      }
      return { result: statistics, disclosures: [] };
    });
  }
}

function breakdown(rows: readonly StatisticsCount[], keys: readonly string[] | undefined): CountByKey[] {
  const counts = new Map(rows.map((row) => [row.key ?? '', row.count]));
  const fixed = (keys ?? []).map((key) => ({ key, count: counts.get(key) ?? 0 }));
  // A key outside the vocabulary (a newer release's) is still counted, after the known ones.
  const found = [...counts]
    .filter(([key]) => !keys?.includes(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, count }));
  return [...fixed, ...found];
}
