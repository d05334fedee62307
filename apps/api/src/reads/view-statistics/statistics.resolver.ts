import { Args, Query, Resolver } from '@nestjs/graphql';
import { ActivationKind, ActivationTrigger, InterventionType, Theme, type Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { scopeConditions } from '../shared/activation-filter.input.js';
import { CASE_DATA, ReadableBy, scopeOf } from '../shared/read-access.guard.js';
import { SqlParams } from '../shared/sql-params.js';
import { StatisticsArgs } from './statistics.args.js';
import { ActivationStatistics, CountByKey } from './statistics.type.js';

type Dimension = Exclude<keyof ActivationStatistics, 'total'>;

/**
 * Each breakdown and the column of the view it groups by. Fixed vocabularies list every key, with zero
 * where no activation has it, so reports always have the same rows; regions and months list those found.
 */
const DIMENSIONS: Record<Dimension, { column: string; keys?: readonly string[] }> = {
  byKind: { column: 'kind', keys: Object.values(ActivationKind) },
  byTheme: { column: 'theme', keys: Object.values(Theme) },
  byTrigger: { column: 'trigger', keys: Object.values(ActivationTrigger) },
  byIntegratedDeployment: { column: 'integrated', keys: ['YES', 'NO', 'UNDECIDED'] },
  byOutcome: { column: 'outcome', keys: [...Object.values(InterventionType), 'NONE'] },
  byRegion: { column: 'region' },
  byMonth: { column: 'month' },
};
const COLUMNS = Object.values(DIMENSIONS).map((d) => d.column);

interface CountRow {
  dimension: string;
  key: string | null;
  count: number;
}

@Resolver(() => ActivationStatistics)
export class StatisticsResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => ActivationStatistics, {
    description: 'How many activations your agency sees, and how they break down (LOT-C accountability).',
  })
  @ReadableBy(CASE_DATA)
  statistics(
    @Args() { filter }: StatisticsArgs,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationStatistics> {
    const params = new SqlParams();
    const agency = params.add(actor.agency);
    const conditions = [`s.agency = ${agency}`];
    // The view has one row per activation and theme; the filter picks activations, never single themes.
    const scope = scopeConditions(filter ?? {}, params, 'a');
    if (scope.length) {
      conditions.push(
        `s.activation_id IN (SELECT a.activation_id FROM rm_activations a WHERE a.agency = ${agency} AND ${scope.join(' AND ')})`,
      );
    }
    const grouped = (column: string) => `GROUPING(${column}) = 0`;
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows: CountRow[] = await db.query(
        `WITH scoped AS (
           SELECT s.activation_id, s.kind, s.theme, s.trigger, s.region,
                  CASE s.integrated WHEN true THEN 'YES' WHEN false THEN 'NO' ELSE 'UNDECIDED' END AS integrated,
                  coalesce(s.outcome, 'NONE') AS outcome, to_char(s.month, 'YYYY-MM') AS month
           FROM rm_activation_statistics s
           WHERE ${conditions.join(' AND ')}
         )
         SELECT CASE ${COLUMNS.map((c) => `WHEN ${grouped(c)} THEN '${c}'`).join(' ')} ELSE 'total' END AS dimension,
                coalesce(${COLUMNS.join(', ')}) AS key,
                count(DISTINCT activation_id)::int AS count
         FROM scoped
         GROUP BY GROUPING SETS ((), ${COLUMNS.map((c) => `(${c})`).join(', ')})`,
        params.values,
      );
      const statistics = {
        total: rows.find((row) => row.dimension === 'total')?.count ?? 0,
      } as ActivationStatistics;
      for (const name of Object.keys(DIMENSIONS) as Dimension[]) {
        const { column, keys } = DIMENSIONS[name];
        statistics[name] = breakdown(
          rows.filter((row) => row.dimension === column),
          keys,
        );
      }
      return statistics;
    });
  }
}

function breakdown(rows: readonly CountRow[], keys: readonly string[] | undefined): CountByKey[] {
  const counts = new Map(rows.map((row) => [row.key ?? '', row.count]));
  const fixed = (keys ?? []).map((key) => ({ key, count: counts.get(key) ?? 0 }));
  // A key outside the vocabulary (a newer release's) is still counted, after the known ones.
  const found = [...counts]
    .filter(([key]) => !keys?.includes(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, count }));
  return [...fixed, ...found];
}
