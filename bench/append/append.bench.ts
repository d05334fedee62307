import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { EventStore, NewEvent, StreamVersionConflictError } from '#events';
import { openBenchDatabase } from '../support/bench-database.js';
import { runConcurrently } from '../support/latency-stats.js';

export type Contestant = 'keten' | 'emmett' | 'raw';

export interface AppendCase {
  contestant: Contestant;
  writers: number;
  eventsPerAppend: number;
  hot: boolean;
}

export interface AppendResult extends AppendCase {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  conflicts: number;
}

/** A payload of the size of a typical finding, the same for every contestant. */
const PAYLOAD = {
  findingId: 'f-1',
  category: 'INCOME',
  description: 'Uurloon onder het minimumloon na inhoudingen voor huisvesting en vervoer.',
  recordedBy: 'NLA',
  subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL' }],
  amounts: [{ label: 'uurloon betaald', euroCents: 980 }],
};
const METADATA = { actor: { userId: 'bench', agency: 'NLA', role: 'INSPECTOR' }, correlationId: 'bench' };

/**
 * Append throughput and latency, side by side in one process on the same Postgres: keten's event
 * store, emmett's PostgreSQL event store (a real peer), and the physical limit — one plain INSERT
 * per transaction of the same row size. A hot case has every writer on one stream, retrying conflicts.
 */
const HOT_CASE_SECONDS = 45;

export async function benchAppend(cases: AppendCase[], appendsPerCase: number): Promise<AppendResult[]> {
  // Every writer gets a connection of its own in each contestant's pool, and no more.
  const poolSize = Math.max(...cases.map((c) => c.writers)) + 2;
  const { db, config } = await openBenchDatabase(poolSize);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: poolSize });
  const emmett = getPostgreSQLEventStore(config.databaseUrl, { connectionOptions: { pool } });
  await emmett.schema.migrate();
  await db.query(`CREATE TABLE IF NOT EXISTS bench_raw_events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text, version int, event_id uuid,
      type text, data jsonb, metadata jsonb, occurred_at timestamptz)`);
  const keten = new EventStore(db);
  const results: AppendResult[] = [];
  try {
    for (const c of cases) {
      const run = `${c.contestant}-${c.writers}-${c.eventsPerAppend}-${c.hot ? 'hot' : 'spread'}-${randomUUID().slice(0, 6)}`;
      const versions = new Map<string, number>();
      let conflicts = 0;
      const streamOf = (worker: number, index: number) =>
        c.hot ? `${run}-hot` : `${run}-${worker}-${index % 50}`;
      const ketenEvents = (): NewEvent[] =>
        Array.from({ length: c.eventsPerAppend }, () => ({
          eventId: randomUUID(),
          type: 'finding.recorded',
          schemaVersion: 1,
          data: PAYLOAD,
          metadata: METADATA,
          occurredAt: new Date().toISOString(),
        }));

      const appendOnce = async (stream: string): Promise<void> => {
        if (c.contestant === 'raw') {
          for (let i = 0; i < c.eventsPerAppend; i++) {
            await pool.query(
              `INSERT INTO bench_raw_events (stream_id, version, event_id, type, data, metadata, occurred_at)
               VALUES ($1, $2, $3, 'finding.recorded', $4, $5, now())`,
              [stream, i, randomUUID(), PAYLOAD, METADATA],
            );
          }
          return;
        }
        for (;;) {
          const expected = versions.get(stream) ?? 0;
          try {
            if (c.contestant === 'keten') {
              const result = await keten.append(stream, expected, ketenEvents());
              versions.set(stream, result.streamVersion);
            } else {
              const events = Array.from({ length: c.eventsPerAppend }, () => ({
                type: 'finding.recorded',
                data: PAYLOAD,
                metadata: METADATA,
              }));
              const result = await emmett.appendToStream(stream, events, {
                expectedStreamVersion: BigInt(expected),
              });
              versions.set(stream, Number(result.nextExpectedStreamVersion));
            }
            return;
          } catch (error) {
            if (!isConflict(error)) throw error;
            conflicts++;
            versions.set(stream, await currentVersion(stream));
          }
        }
      };
      // Each store's cheapest way to its stream's version (not a read of the whole stream: that would
      // make a contestant's retries cost more with every event of the hot stream).
      const currentVersion = async (stream: string): Promise<number> => {
        if (c.contestant === 'keten') return keten.streamVersion(stream);
        const { rows } = await pool.query<{ position: string }>(
          `SELECT stream_position::text AS position FROM emt_streams WHERE stream_id = $1 AND NOT is_archived`,
          [stream],
        );
        return Number(rows[0]?.position ?? 0);
      };

      // A hot stream serialises every writer through conflicts and retries: fewer appends, and at most
      // HOT_CASE_SECONDS of them, keep it bounded (the rate is what is compared, not the count).
      const appends = c.hot ? Math.ceil(appendsPerCase / 4) : appendsPerCase;
      const { perSecond, stats } = await runConcurrently(
        c.writers,
        appends,
        async (worker, index) => {
          await appendOnce(streamOf(worker, index));
          return c.eventsPerAppend;
        },
        { untilMs: c.hot ? HOT_CASE_SECONDS * 1000 : Infinity },
      );
      results.push({
        ...c,
        eventsPerSecond: perSecond,
        p50: stats.percentile(50),
        p99: stats.percentile(99),
        conflicts,
      });
      process.stderr.write(
        `[bench] append ${c.contestant.padEnd(6)} writers=${c.writers} events=${c.eventsPerAppend} ${c.hot ? 'hot   ' : 'spread'} ` +
          `${perSecond.toFixed(0)} ev/s p50=${stats.percentile(50).toFixed(1)}ms p99=${stats.percentile(99).toFixed(1)}ms\n`,
      );
    }
  } finally {
    await emmett.close();
    await pool.end().catch(() => undefined);
    await db.destroy();
  }
  return results;
}

function isConflict(error: unknown): boolean {
  if (error instanceof StreamVersionConflictError) return true;
  const name = (error as { name?: string; constructor?: { name?: string } })?.constructor?.name ?? '';
  return /ExpectedVersionConflict|ConcurrencyError/.test(name) || /expected version/i.test(String(error));
}
