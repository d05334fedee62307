import { DataSource } from 'typeorm';
import {
  activationStreamId,
  catalogueUpcasting,
  configuredEventStore,
  EventStore,
  NewEvent,
  personalDataVault,
} from '#events';
import { AppConfig } from '#platform';
import { rebuildReadModels } from '#read-models';
import { progressBar } from '../../apps/worker/src/projections/progress-bar.js';
import { generateActivations, toNewEvent } from '../generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../generator/bulk-load.js';
import { benchQueries, QueryResult } from '../queries/queries.bench.js';
import { openBenchDatabase } from '../support/bench-database.js';
import { LatencyStats, runConcurrently } from '../support/latency-stats.js';

/**
 * What sealing personal values at rest (issue 19) costs: the event store as every process runs it (the
 * vault seals on append and opens on every read) against the same store without the vault, as it was
 * before. Both contestants run in the same process on the same machine, in alternating rounds (ABBA), so
 * that load from elsewhere falls on both alike.
 */
export type Sealing = 'sealed' | 'plain';

export interface SealingAppendResult {
  contestant: Sealing;
  writers: number;
  appends: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
}

export interface SealingRebuildResult {
  contestant: Sealing;
  activations: number;
  events: number;
  /** The events table with its indexes and TOAST, after loading. */
  eventsMiB: number;
  loadSeconds: number;
  /** The rounds' rebuilds, in the order run. */
  rebuildSeconds: number[];
  rebuildPerSecond: number;
}

export interface SealingQueryResult extends QueryResult {
  contestant: Sealing;
  rounds: number;
}

export interface SealingResult {
  append: SealingAppendResult[];
  rebuild: SealingRebuildResult[];
  queries: SealingQueryResult[];
}

export interface SealingPlan {
  /** Appends per contestant, writer count and round. */
  appends: number;
  writers: number[];
  /** Rounds of the append cases and of the queries (ABBA: an even number); the rebuild runs twice per contestant. */
  rounds: number;
  activations: number;
  clients: number;
  queries: number;
}

const SEALED_DB_SUFFIX = '';
const PLAIN_DB_SUFFIX = '_plain';

export async function benchSealing(plan: SealingPlan): Promise<SealingResult> {
  const append = await benchSealedAppends(plan);
  const sealed = await openBenchDatabase(20, { suffix: SEALED_DB_SUFFIX });
  const plain = await openBenchDatabase(20, { suffix: PLAIN_DB_SUFFIX });
  try {
    const rebuild = await benchSealedRebuild(sealed, plain, plan.activations);
    const queries = await benchSealedQueries(sealed, plain, plan);
    return { append, rebuild, queries };
  } finally {
    await sealed.db.destroy();
    await plain.db.destroy();
  }
}

const storeOf = (contestant: Sealing, db: DataSource, config: AppConfig): EventStore =>
  contestant === 'sealed' ? configuredEventStore(db, config) : new EventStore(db, catalogueUpcasting);

/** ABBA: round 0 sealed first, round 1 plain first, and so on. */
const orderOf = (round: number): Sealing[] => (round % 2 === 0 ? ['sealed', 'plain'] : ['plain', 'sealed']);

/**
 * Appends of generated activations' events, one event per append as the command path appends them, each
 * writer on an activation of its own (distinct streams) and on to the next when it is done: the first
 * events of an activation make its subjects' keys, as in production.
 */
async function benchSealedAppends(plan: SealingPlan): Promise<SealingAppendResult[]> {
  const { db, config } = await openBenchDatabase(Math.max(...plan.writers) + 2, { suffix: SEALED_DB_SUFFIX });
  const stores = { sealed: storeOf('sealed', db, config), plain: storeOf('plain', db, config) };
  const totals = new Map<string, { stats: LatencyStats; events: number; seconds: number }>();
  try {
    for (let round = 0; round < plan.rounds; round++) {
      for (const writers of plan.writers) {
        for (const contestant of orderOf(round)) {
          // The same histories for both contestants of a round (same seed), under ids of their own.
          const pool = activationPool(plan.appends + writers * 20, 3000 + round * 100 + writers, contestant);
          const current: ({ streamId: string; events: NewEvent[]; next: number } | undefined)[] = [];
          const key = `${contestant}-${writers}`;
          const total = totals.get(key) ?? { stats: new LatencyStats(), events: 0, seconds: 0 };
          const { units, seconds } = await runConcurrently(
            writers,
            plan.appends,
            async (worker) => {
              let activation = current[worker];
              if (!activation || activation.next === activation.events.length) {
                activation = current[worker] = pool.shift();
                if (!activation) throw new Error('the bench generated too few activations for its appends');
              }
              const version = activation.next++;
              await stores[contestant].append(activation.streamId, version, [activation.events[version]!]);
              return 1;
            },
            { stats: total.stats },
          );
          totals.set(key, {
            stats: total.stats,
            events: total.events + units,
            seconds: total.seconds + seconds,
          });
        }
      }
    }
  } finally {
    await db.destroy();
  }
  const results: SealingAppendResult[] = [];
  for (const writers of plan.writers) {
    for (const contestant of ['sealed', 'plain'] as const) {
      const { stats, events, seconds } = totals.get(`${contestant}-${writers}`)!;
      const result = {
        contestant,
        writers,
        appends: stats.count,
        eventsPerSecond: events / seconds,
        p50: stats.percentile(50),
        p99: stats.percentile(99),
      };
      results.push(result);
      process.stderr.write(
        `[bench] sealing append ${contestant.padEnd(6)} writers=${writers} ${result.eventsPerSecond.toFixed(0)} ev/s ` +
          `p50=${result.p50.toFixed(2)}ms p99=${result.p99.toFixed(2)}ms\n`,
      );
    }
  }
  return results;
}

/** Generated activations holding at least `events` events, ready to append. */
function activationPool(events: number, seed: number, prefix: string) {
  const pool: { streamId: string; events: NewEvent[]; next: number }[] = [];
  let held = 0;
  for (const activation of generateActivations(Number.MAX_SAFE_INTEGER, seed, `seal-${prefix}-${seed}`)) {
    if (held >= events) break;
    pool.push({
      streamId: activationStreamId(activation.activationId),
      events: activation.events.map((item) => toNewEvent(item, 'sealing')),
      next: 0,
    });
    held += activation.events.length;
  }
  return pool;
}

type Bench = { db: DataSource; config: AppConfig };

/**
 * The same generated activations loaded into two databases, sealed as the append seals them and in the
 * clear; then every read model rebuilt from each, twice, in ABBA order.
 */
async function benchSealedRebuild(
  sealed: Bench,
  plain: Bench,
  activations: number,
): Promise<SealingRebuildResult[]> {
  const loaded = new Map<Sealing, { events: number; loadSeconds: number; eventsMiB: number }>();
  for (const contestant of ['plain', 'sealed'] as const) {
    const { db, config } = contestant === 'sealed' ? sealed : plain;
    const loading = progressBar(`events loaded (${contestant})`);
    const started = performance.now();
    await loadDemoAgreements(db);
    const events = await bulkLoad(
      db,
      generateActivations(activations, 2026, 'bench'),
      (n) => loading.update(n, activations * 11),
      { vault: contestant === 'sealed' ? personalDataVault(db, config) : undefined },
    );
    loading.done();
    const loadSeconds = (performance.now() - started) / 1000;
    await db.query('VACUUM ANALYZE events');
    const [{ bytes }] = await db.query(`SELECT pg_total_relation_size('events')::float8 AS bytes`);
    loaded.set(contestant, { events, loadSeconds, eventsMiB: bytes / 1024 ** 2 });
  }
  const seconds: Record<Sealing, number[]> = { sealed: [], plain: [] };
  for (const contestant of [...orderOf(1), ...orderOf(0)]) {
    const { db, config } = contestant === 'sealed' ? sealed : plain;
    const bar = progressBar(`events projected (${contestant})`);
    const started = performance.now();
    await rebuildReadModels(db, storeOf(contestant, db, config), {
      batchSize: config.subscriptions.batchSize,
      databaseUrl: config.databaseUrl,
      onProgress: bar.update,
    });
    bar.done();
    seconds[contestant].push((performance.now() - started) / 1000);
    process.stderr.write(
      `[bench] sealing rebuild ${contestant.padEnd(6)} ${seconds[contestant].at(-1)!.toFixed(1)} s\n`,
    );
  }
  return (['sealed', 'plain'] as const).map((contestant) => {
    const { events, loadSeconds, eventsMiB } = loaded.get(contestant)!;
    const total = seconds[contestant].reduce((a, b) => a + b, 0);
    return {
      contestant,
      activations,
      events,
      eventsMiB,
      loadSeconds,
      rebuildSeconds: seconds[contestant],
      rebuildPerSecond: (events * seconds[contestant].length) / total,
    };
  });
}

/**
 * The timeline and list queries of the queries part (through the api and as raw SQL) on the sealed and the
 * plain store: a short pass on each first, unmeasured (the first api of a process pays for loading and
 * compiling), then `rounds` rounds in ABBA order; each figure is the median of a contestant's rounds. Read
 * models hold what redaction let through in the clear, so sealing should not show here.
 */
async function benchSealedQueries(
  sealed: Bench,
  plain: Bench,
  plan: SealingPlan,
): Promise<SealingQueryResult[]> {
  const on = (contestant: Sealing) => (contestant === 'sealed' ? sealed : plain);
  for (const contestant of orderOf(0)) {
    process.stderr.write(`[bench] sealing queries: warming up on the ${contestant} store (not counted)\n`);
    const { db, config } = on(contestant);
    await benchQueries(db, config.databaseUrl, plan.clients, Math.ceil(plan.queries / 4));
  }
  const rounds: Record<Sealing, QueryResult[][]> = { sealed: [], plain: [] };
  for (let round = 0; round < plan.rounds; round++) {
    const contestant = orderOf(Math.floor(round / 2))[round % 2]!;
    const { db, config } = on(contestant);
    process.stderr.write(`[bench] sealing queries on the ${contestant} store\n`);
    rounds[contestant].push(await benchQueries(db, config.databaseUrl, plan.clients, plan.queries));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  return (['sealed', 'plain'] as const).flatMap((contestant) =>
    rounds[contestant][0]!.map((first, index) => {
      const same = rounds[contestant].map((round) => round[index]!);
      return {
        ...first,
        contestant,
        rounds: same.length,
        p50: median(same.map((q) => q.p50)),
        p95: median(same.map((q) => q.p95)),
        perSecond: median(same.map((q) => q.perSecond)),
      };
    }),
  );
}
