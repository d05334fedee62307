import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  activationStreamId,
  catalogueEntry,
  catalogueUpcasting,
  configuredEventStore,
  configuredLegacySealing,
  EventStore,
  GapSafeSubscription,
  LegacyEventSealing,
  StoredEvent,
} from '#events';
import { loadConfig } from '#platform';
import { sampleEvent } from '../../../libs/events/src/catalogue/catalogue.fixtures.js';
import { catchUp } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startWorker } from '../../support/worker-app.js';
import { newEvent } from './new-events.fixture.js';

const HOLDS_SEALED = `jsonb_path_exists(data, 'strict $.**."$sealed"')`;

/**
 * The sealing of legacy events (issue 19) against the real Postgres: events appended the way the release
 * before sealing appended them (a store without a vault: personal values in the clear), then sealed in
 * place. A database of its own, since the pass looks at every event of its database.
 */
describe('sealing the events a release before sealing stored in the clear', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  /** Appends as the release before sealing did. */
  let legacyStore: EventStore;
  let store: EventStore;
  let sealing: LegacyEventSealing;

  beforeAll(async () => {
    db = await database.create();
    const config = loadConfig(database.env);
    legacyStore = new EventStore(db, catalogueUpcasting);
    store = configuredEventStore(db, config);
    sealing = configuredLegacySealing(db, config);
  });
  afterAll(() => database.drop());

  /** A finding about a person and, at schema version 1, a signal naming its reporter: both in the clear. */
  const legacyActivation = async () => {
    const stream = activationStreamId(randomUUID());
    const name = `Planted ${randomUUID().slice(0, 8)}`;
    const reporter = `Reporter ${randomUUID().slice(0, 8)}`;
    const finding = sampleEvent('finding.recorded');
    const findingData = {
      ...finding.data,
      subjects: [{ ...finding.data.subjects![0], name }],
      description: { ...finding.data.description, text: `${name} coughed all night` },
    };
    const signalV1 = { signalId: 's-1', recordedBy: 'NLA', reporter, description: `${reporter} saw it` };
    await legacyStore.append(stream, 0, [
      {
        ...newEvent('finding.recorded', findingData),
        schemaVersion: catalogueEntry('finding.recorded').schemaVersion,
      },
      newEvent('signal.recorded', signalV1),
      newEvent('agency.joined', { agency: 'UWV' }),
    ]);
    return { stream, planted: [name, reporter] };
  };

  const rowsOf = (stream: string) =>
    db.query(
      `SELECT position::text AS position, transaction_id::text AS transaction_id, recorded_at, type, schema_version,
              data::text AS data
       FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [stream],
    ) as Promise<
      {
        position: string;
        transaction_id: string;
        recorded_at: Date;
        type: string;
        schema_version: number;
        data: string;
      }[]
    >;

  it('given events in the clear, when sealed, then no planted value is in a row, every read gives the same events, and a second pass changes nothing', async () => {
    const { stream, planted } = await legacyActivation();
    const asRead = await store.readStream(stream);
    const before = await rowsOf(stream);
    expect(before.map((row) => row.data).join()).toContain(planted[0]);

    const progress: string[] = [];
    const summary = await sealing.run({
      batchSize: 2,
      onProgress: ({ examined, total, sealed }) => progress.push(`${examined} of ${total}, ${sealed}`),
    });
    expect(summary).toMatchObject({ complete: true, sealed: 2 });
    expect(progress.at(-1)).toBe(`${summary.examined} of ${summary.total}, 2`);

    const after = await rowsOf(stream);
    for (const value of planted) expect(after.map((row) => row.data).join()).not.toContain(value);
    // The finding and the signal sealed, the signal at the current schema; the joining (no personal data) as it was.
    expect(after.map((row) => [row.type, row.schema_version, row.data.includes('$sealed')])).toEqual([
      ['finding.recorded', catalogueEntry('finding.recorded').schemaVersion, true],
      ['signal.recorded', catalogueEntry('signal.recorded').schemaVersion, true],
      ['agency.joined', before[2]!.schema_version, false],
    ]);
    expect(after[2]!.data).toBe(before[2]!.data);
    // Where each event stands in the subscriptions' order, and when it was recorded, did not move.
    expect(after.map((r) => [r.position, r.transaction_id, r.recorded_at])).toEqual(
      before.map((r) => [r.position, r.transaction_id, r.recorded_at]),
    );
    expect(await store.readStream(stream)).toEqual(asRead);

    const again = await sealing.run({ batchSize: 2 });
    expect(again.sealed).toBe(0);
    expect(await rowsOf(stream)).toEqual(after);
  });

  it('refuses every other change of an event, also inside the sealing transaction', async () => {
    const { stream } = await legacyActivation();
    const [finding] = await rowsOf(stream);
    const { position } = finding!;
    const sealed = JSON.stringify({ text: { $sealed: 1, keys: ['k.1'], value: 'AAAA' } });
    const attempt = (statement: string, params: unknown[], setting: boolean) =>
      db.transaction(async (tx) => {
        if (setting) await tx.query(`SELECT set_config('keten.sealing_legacy_events', 'on', true)`);
        await tx.query(statement, params);
      });
    // Without the setting: not even the sealing's own change.
    await expect(
      attempt(`UPDATE events SET data = $2::jsonb WHERE position = $1`, [position, sealed], false),
    ).rejects.toThrow(/append-only: UPDATE is not allowed/);
    // With it: nothing but data and schema version, only from plain to sealed, never to a lower version.
    const refused: [string, unknown[]][] = [
      [`UPDATE events SET data = $2::jsonb, type = 'x' WHERE position = $1`, [position, sealed]],
      [`UPDATE events SET data = $2::jsonb, stream_id = 'x' WHERE position = $1`, [position, sealed]],
      [`UPDATE events SET data = $2::jsonb, metadata = '{}' WHERE position = $1`, [position, sealed]],
      [`UPDATE events SET data = $2::jsonb, occurred_at = now() WHERE position = $1`, [position, sealed]],
      [`UPDATE events SET data = '{"plain": true}' WHERE position = $1`, [position]],
    ];
    if (finding!.schema_version > 1) {
      refused.push([
        `UPDATE events SET data = $2::jsonb, schema_version = schema_version - 1 WHERE position = $1`,
        [position, sealed],
      ]);
    }
    for (const [statement, params] of refused) {
      await expect(attempt(statement, params, true)).rejects.toThrow(/append-only: sealing legacy events/);
    }
    await expect(attempt(`DELETE FROM events WHERE position = $1`, [position], true)).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
    await expect(attempt(`TRUNCATE events`, [], true)).rejects.toThrow(
      /append-only: TRUNCATE is not allowed/,
    );
    // Once sealed, an event is not sealed again, not even by hand.
    await sealing.run({ batchSize: 100 });
    await expect(
      attempt(`UPDATE events SET data = $2::jsonb WHERE position = $1`, [position, sealed], true),
    ).rejects.toThrow(/append-only: sealing legacy events/);
  });

  it('given a subscription that read the old events and appends racing the pass, then it reads each new event once and no old one again', async () => {
    for (let i = 0; i < 5; i++) await legacyActivation();
    const options = { batchSize: 100, pollIntervalMs: 1000, databaseUrl: database.url };
    const probe = new GapSafeSubscription(db, store, { name: `probe-${randomUUID()}`, ...options });
    const seen: StoredEvent[] = [];
    const record = async (events: StoredEvent[]) => void seen.push(...events);
    await catchUp(probe, record);
    const read = seen.length;

    const appended: string[] = [];
    const appending = (async () => {
      for (let i = 0; i < 10; i++) {
        const sample = sampleEvent('finding.recorded');
        const event = {
          ...newEvent(sample.type, sample.data),
          schemaVersion: catalogueEntry(sample.type).schemaVersion,
        };
        await store.append(activationStreamId(randomUUID()), 0, [event]);
        appended.push(event.eventId);
      }
    })();
    const [summary] = await Promise.all([sealing.run({ batchSize: 1 }), appending]);
    expect(summary.sealed).toBeGreaterThanOrEqual(10);

    await catchUp(probe, record);
    expect(
      seen
        .slice(read)
        .map((e) => e.eventId)
        .sort(),
    ).toEqual([...appended].sort());
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    const [{ plain }] = await db.query(
      `SELECT count(*)::int AS plain FROM events WHERE type = 'finding.recorded' AND NOT ${HOLDS_SEALED}`,
    );
    expect(plain).toBe(0);
  });

  it('given a worker starting on such a database, then it has sealed them by the time it runs', async () => {
    const { stream, planted } = await legacyActivation();
    let worker: INestApplication | undefined;
    try {
      worker = await startWorker({ DATABASE_URL: database.url });
      const text = (await rowsOf(stream)).map((row) => row.data).join();
      for (const value of planted) expect(text).not.toContain(value);
      expect(text).toContain('$sealed');
    } finally {
      await worker?.close();
    }
  });
});
