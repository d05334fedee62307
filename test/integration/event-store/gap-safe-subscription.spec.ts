import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore, GapSafeSubscription, StoredEvent } from '#events';
import { openTestDataSource, testDatabaseUrl } from '../../support/test-database.js';
import { newEvent, newStreamId } from './new-events.fixture.js';

/**
 * The gap test: a slow transaction takes a lower position and commits after a faster one with a
 * higher position. A subscriber running throughout must deliver both, exactly once, also across a restart.
 */
describe('GapSafeSubscription', () => {
  let db: DataSource;
  let store: EventStore;
  const name = `gap-test-${randomUUID()}`;
  const streams = new Set<string>();
  const delivered: StoredEvent[] = [];

  // The handler writes in the subscription's transaction: a primary key turns any redelivery into a failure.
  const handler = async (events: StoredEvent[], tx: import('typeorm').EntityManager) => {
    for (const event of events.filter((e) => streams.has(e.streamId))) {
      await tx.query(`INSERT INTO gap_test_deliveries (subscription, event_id) VALUES ($1, $2)`, [
        name,
        event.eventId,
      ]);
      delivered.push(event);
    }
  };
  const subscription = () =>
    new GapSafeSubscription(db, store, {
      name,
      batchSize: 100,
      pollIntervalMs: 200,
      databaseUrl: testDatabaseUrl(),
    });

  beforeAll(async () => {
    db = await openTestDataSource();
    store = new EventStore(db);
    await db.query(
      `CREATE TABLE IF NOT EXISTS gap_test_deliveries (subscription text, event_id uuid, PRIMARY KEY (subscription, event_id))`,
    );
  });
  afterAll(() => db.destroy());

  async function until(condition: () => boolean, what: string, ms = 10_000) {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('delivers a late-committing lower position and an early-committing higher one, exactly once, across a restart', async () => {
    const first = subscription();
    first.start(handler);

    const slowStream = newStreamId();
    const fastStream = newStreamId();
    streams.add(slowStream).add(fastStream);

    const slow = new Client({ connectionString: testDatabaseUrl() });
    await slow.connect();
    await slow.query('BEGIN');
    const slowEvent = newEvent('test.slow');
    const [{ position: slowPosition }] = (
      await slow.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 1, $2, $3, 1, '{}', $4, now()) RETURNING position`,
        [slowStream, slowEvent.eventId, slowEvent.type, JSON.stringify(slowEvent.metadata)],
      )
    ).rows;

    const fast = await store.append(fastStream, 0, [newEvent('test.fast')]);
    const [fastStored] = await store.readStream(fastStream);
    expect(BigInt(fastStored.position)).toBeGreaterThan(BigInt(slowPosition));

    // The fast event is committed, but delivering it now would let a checkpoint pass the slow one.
    await new Promise((r) => setTimeout(r, 600));
    expect(delivered.map((e) => e.eventId)).toEqual([]);
    expect((await first.progress()).behind).toBeGreaterThanOrEqual(1);

    await slow.query('COMMIT');
    await slow.end();
    await until(() => delivered.length === 2, 'both events');
    expect(delivered.map((e) => e.eventId)).toEqual([slowEvent.eventId, fast.eventIds[0]]);
    await first.stop();

    // A new process with the same checkpoint: nothing is delivered twice, new events still arrive.
    const restarted = subscription();
    restarted.start(handler);
    const laterStream = newStreamId();
    streams.add(laterStream);
    const later = await store.append(laterStream, 0, [newEvent('test.later')]);
    await until(() => delivered.length === 3, 'the event after the restart');
    await new Promise((r) => setTimeout(r, 300));
    await restarted.stop();

    expect(delivered.map((e) => e.eventId)).toEqual([slowEvent.eventId, fast.eventIds[0], later.eventIds[0]]);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM gap_test_deliveries WHERE subscription = $1`,
      [name],
    );
    expect(count).toBe(3);
  }, 30_000);

  it('delivers every event of many interleaved slow and fast writers exactly once, in checkpoint order', async () => {
    const name2 = `${name}-many`;
    const seen: string[] = [];
    const mine = new Set<string>();
    const sub = new GapSafeSubscription(db, store, {
      name: name2,
      batchSize: 7,
      pollIntervalMs: 100,
      databaseUrl: testDatabaseUrl(),
    });
    sub.start(async (events) => {
      for (const e of events) if (mine.has(e.streamId)) seen.push(e.eventId);
    });

    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const stream = newStreamId();
        mine.add(stream);
        const client = new Client({ connectionString: testDatabaseUrl() });
        await client.connect();
        await client.query('BEGIN');
        const event = newEvent();
        await client.query(
          `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
           VALUES ($1, 1, $2, 'test.interleaved', 1, '{}', $3, now())`,
          [stream, event.eventId, JSON.stringify(event.metadata)],
        );
        // Writers hold their transactions open for different times, so commit order differs from position order.
        await new Promise((r) => setTimeout(r, (i % 5) * 60));
        await client.query('COMMIT');
        await client.end();
        written.push(event.eventId);
      }),
    );
    await until(() => seen.length === 20, 'all interleaved events');
    await new Promise((r) => setTimeout(r, 300));
    await sub.stop();
    expect(new Set(seen).size).toBe(20);
    expect(seen).toHaveLength(20);
    expect(new Set(seen)).toEqual(new Set(written));
  }, 30_000);

  it('hands over only the types asked for, and moves its checkpoint past the others all the same', async () => {
    const stream = newStreamId();
    const kept = `test.kept-${randomUUID().slice(0, 8)}`;
    await store.append(stream, 0, [newEvent('test.passed-by'), newEvent(kept), newEvent('test.passed-by')]);
    const sub = new GapSafeSubscription(db, store, {
      name: `types-${randomUUID()}`,
      batchSize: 1000,
      pollIntervalMs: 200,
      databaseUrl: testDatabaseUrl(),
      types: (type) => type === kept,
    });
    const seen: StoredEvent[] = [];
    // Another suite's open transaction can hold the horizon back for a while: read until nothing is behind.
    for (let tries = 0; tries < 200 && (seen.length === 0 || (await sub.progress()).behind > 0); tries++) {
      if ((await sub.processBatch(async (events) => void seen.push(...events))) === 0)
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.filter((e) => e.streamId === stream).map((e) => e.type)).toEqual([kept]);
    expect(seen.every((e) => e.type === kept)).toBe(true);
    expect((await sub.progress()).behind).toBe(0);
  }, 30_000);
});
