import { EntityManager } from 'typeorm';
import { ActivationKind, ActivationTrigger, InterventionType, Theme } from '#domain';
import {
  activationsTable,
  ActivationScope,
  ActivityView,
  StatisticsCount,
  StatisticsDimension,
} from '#read-models';
import { figuresOf } from './figures.query.js';
import { ActivationStatistics, CountByKey } from './statistics.type.js';

export type Breakdown = Exclude<keyof ActivationStatistics, 'total' | 'figures'>;

/**
 * Each breakdown and the dimension it counts by. Fixed vocabularies list every key, with zero where no
 * activation has it, so reports always have the same rows; regions and months list those found.
 */
export const BREAKDOWNS: Record<Breakdown, { dimension: StatisticsDimension; keys?: readonly string[] }> = {
  byKind: { dimension: 'kind', keys: Object.values(ActivationKind) },
  byTheme: { dimension: 'theme', keys: Object.values(Theme) },
  byTrigger: { dimension: 'trigger', keys: Object.values(ActivationTrigger) },
  byIntegratedDeployment: { dimension: 'integrated', keys: ['YES', 'NO', 'UNDECIDED'] },
  byOutcome: { dimension: 'outcome', keys: [...Object.values(InterventionType), 'NONE', 'NOT_VISIBLE'] },
  byRegion: { dimension: 'region' },
  byMonth: { dimension: 'month' },
};

/** The figures of the activations `agency` sees (in its read model), for the statistics query and its export. */
export async function statisticsOf(
  db: EntityManager,
  agency: string,
  view: ActivityView,
  filter: ActivationScope,
): Promise<ActivationStatistics> {
  const scope = view.scope(filter);
  const rows = await activationsTable.statistics(db, agency, scope);
  const statistics = {
    total: rows.find((row) => row.dimension === 'total')?.count ?? 0,
    figures: await figuresOf(db, agency, view, scope),
  } as ActivationStatistics;
  for (const name of Object.keys(BREAKDOWNS) as Breakdown[]) {
    const { dimension, keys } = BREAKDOWNS[name];
    statistics[name] = breakdown(
      rows.filter((row) => row.dimension === dimension),
      keys,
    );
  }
  return statistics;
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
