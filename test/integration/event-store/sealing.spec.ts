import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  activationRef,
  activationIdOfStream,
  activationStreamId,
  catalogueEntry,
  catalogueUpcasting,
  checkpointsTable,
  configuredEventStore,
  ERASED,
  EventStore,
  GapSafeSubscription,
  isSealed,
  keyIdsIn,
  open,
  personalDataVault,
  PersonalDataVault,
  type SealedValue,
  StoredEvent,
} from '#events';
import { loadConfig } from '#platform';
import { sampleEvent } from '../../../libs/events/src/catalogue/catalogue.fixtures.js';
import { sealV1 } from '../../../libs/events/src/personal-data/sealed-value.fixtures.js';
import { openTestDataSource } from '../../support/test-database.js';
import { newEvent } from './new-events.fixture.js';

/** The event store seals personal values at rest and opens them on every read (issue 19), against the real Postgres. */
describe('the event store with personal data sealed', () => {
  let db: DataSource;
  let store: EventStore;
  let vault: PersonalDataVault;
  const config = loadConfig();

  beforeAll(async () => {
    db = await openTestDataSource(10);
    store = configuredEventStore(db, config);
    vault = personalDataVault(db, config);
  });
  afterAll(() => db.destroy());

  /** A finding about a person of this run's own: a fresh BSN-like number and name. */
  const finding = () => {
    const sample = sampleEvent('finding.recorded');
    const bsn = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
    const name = `Planted ${randomUUID().slice(0, 8)}`;
    const data = {
      ...sample.data,
      subjects: [{ ...sample.data.subjects![0]!, bsn, name }],
      description: { ...sample.data.description, text: `${name} coughed all night` },
    };
    const event = {
      ...newEvent(sample.type, data),
      schemaVersion: catalogueEntry(sample.type).schemaVersion,
    };
    return { event, bsn, name };
  };

  const storedText = async (streamId: string) => {
    const rows: { data: string }[] = await db.query(
      `SELECT data::text AS data FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return rows.map((row) => row.data).join('\n');
  };

  it('given a finding about a person, when appended, then the row holds none of their values and every read gives them back', async () => {
    const { event, bsn, name } = finding();
    const stream = activationStreamId(randomUUID());
    await store.append(stream, 0, [event]);
    const text = await storedText(stream);
    expect(text).not.toContain(bsn);
    expect(text).not.toContain(name);
    expect(text).toContain('$sealed');
    const [read] = await store.readStream(stream);
    expect(read!.data).toEqual(event.data);
  });

  it('given a person erased by BSN, when read again, then their values read as the marker, the case facts stay, and the person is filed under that activation', async () => {
    const { event, bsn } = finding();
    const activationId = randomUUID();
    const stream = activationStreamId(activationId);
    await store.append(stream, 0, [event]);
    const ref = vault.pseudonyms.ofBsn(bsn);
    expect(await vault.subjectKeys.activationsOf(ref)).toEqual([activationId]);
    await vault.subjectKeys.erase(ref, `erasure-${randomUUID()}`);
    const [read] = await store.readStream(stream);
    const data = read!.data as {
      subjects: Record<string, unknown>[];
      category: string;
      description: unknown;
    };
    expect(data.subjects[0]).toMatchObject({ bsn: ERASED, name: ERASED });
    expect(data.description).toMatchObject({ text: ERASED });
    expect(data.category).toBe((event.data as { category: string }).category);
  });

  it('given an activation destroyed (its own key erased), when read, then every sealed value of it is erased and another case of the same person is not', async () => {
    const { event, bsn, name } = finding();
    const [destroyed, kept] = [randomUUID(), randomUUID()];
    await store.append(activationStreamId(destroyed), 0, [event]);
    const again = { ...event, eventId: randomUUID() };
    await store.append(activationStreamId(kept), 0, [again]);
    await vault.subjectKeys.erase(activationRef(vault.pseudonyms, destroyed), `retention-${destroyed}`);
    const [gone] = await store.readStream(activationStreamId(destroyed));
    const [there] = await store.readStream(activationStreamId(kept));
    expect(JSON.stringify(gone!.data)).not.toContain(bsn);
    expect((there!.data as { subjects: { name: string }[] }).subjects[0]!.name).toBe(name);
  });

  it("given a process that keeps a person's keys between appends, when another process erases the person and the first records them again, then the new value is sealed under their next key and reads in the clear, and the old one stays erased", async () => {
    const { event, bsn } = finding();
    const stream = activationStreamId(randomUUID());
    await store.append(stream, 0, [event]);
    // The store kept every key of that append; the erasure is another process's (this spec's own vault).
    const ref = vault.pseudonyms.ofBsn(bsn);
    const [erased] = await vault.subjectKeys.erase(ref, `erasure-${randomUUID()}`);
    expect(erased).toBe(`${ref}.1`);
    const again = { ...event, eventId: randomUUID() };
    await store.append(stream, 1, [again]);
    const [before, after] = await store.readStream(stream);
    expect((before!.data as { subjects: Record<string, unknown>[] }).subjects[0]).toMatchObject({
      bsn: ERASED,
    });
    expect(after!.data).toEqual(event.data);
    expect(await storedText(stream)).toContain(`${ref}.2`);
  });

  describe("given a process that makes and keeps its subjects' keys in its appends", () => {
    const keeping = () => {
      const kept = personalDataVault(db, config);
      const store = new EventStore(db, catalogueUpcasting, kept);
      return { store, lookups: jest.spyOn(kept.subjectKeys, 'currentKeysFiled') };
    };
    const bsnOf = (event: StoredEvent) => (event.data as { subjects: { bsn: unknown }[] }).subjects[0]!.bsn;

    it('when it appends about new subjects, then it looks no key up, until one it kept is erased', async () => {
      const { store: keepingStore, lookups } = keeping();
      const { event, bsn } = finding();
      const stream = activationStreamId(randomUUID());
      await keepingStore.append(stream, 0, [event]);
      await keepingStore.append(stream, 1, [{ ...event, eventId: randomUUID() }]);
      expect(lookups).toHaveBeenCalledTimes(0);
      const ref = vault.pseudonyms.ofBsn(bsn);
      expect(await vault.subjectKeys.activationsOf(ref)).toEqual([activationIdOfStream(stream)]);
      await vault.subjectKeys.erase(ref, `erasure-${randomUUID()}`);
      await keepingStore.append(stream, 2, [{ ...event, eventId: randomUUID() }]);
      expect(lookups).toHaveBeenCalledTimes(1);
      expect((await keepingStore.readStream(stream)).map(bsnOf)).toEqual([ERASED, ERASED, bsn]);
      expect(await storedText(stream)).toContain(`${ref}.2`);
    });

    it('when an append that made new keys is lost (the connection dropped before it was stored), then its retry seals under the keys it stores and reads in the clear', async () => {
      const { store: keepingStore } = keeping();
      const { event, bsn } = finding();
      const stream = activationStreamId(randomUUID());
      // Sealed with keys made in memory, then the statement never reaches Postgres (a restart, say).
      const insert = jest
        .spyOn(keepingStore as unknown as { insert: () => Promise<unknown> }, 'insert')
        .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
      await expect(keepingStore.append(stream, 0, [event])).rejects.toThrow('Connection terminated');
      insert.mockRestore();
      // The retry makes the subjects' keys again (the same ids, other bytes) and stores those.
      await keepingStore.append(stream, 0, [event]);
      await keepingStore.append(stream, 1, [{ ...event, eventId: randomUUID() }]);
      expect((await store.readStream(stream)).map(bsnOf)).toEqual([bsn, bsn]);
    });

    it('when a subject it takes for new has a key made by another process, then it seals under that key', async () => {
      const { event, bsn } = finding();
      const ref = vault.pseudonyms.ofBsn(bsn);
      const theirs = (await vault.subjectKeys.currentKeys([ref])).get(ref)!;
      const { store: keepingStore, lookups } = keeping();
      const stream = activationStreamId(randomUUID());
      await keepingStore.append(stream, 0, [event]);
      expect(lookups).toHaveBeenCalledTimes(1);
      const [read] = await store.readStream(stream);
      expect(bsnOf(read!)).toBe(bsn);
      const [{ n }]: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM subject_keys WHERE subject_ref = $1`,
        [ref],
      );
      expect({ n, sealedUnder: (await storedText(stream)).includes(theirs.id) }).toEqual({
        n: 1,
        sealedUnder: true,
      });
    });

    it('when a subject it takes for new was erased before, then it seals under the next generation and never stores the erased one again', async () => {
      const { event, bsn } = finding();
      const ref = vault.pseudonyms.ofBsn(bsn);
      await vault.subjectKeys.currentKeys([ref]);
      await vault.subjectKeys.erase(ref, `erasure-${randomUUID()}`);
      const { store: keepingStore } = keeping();
      const stream = activationStreamId(randomUUID());
      await keepingStore.append(stream, 0, [event]);
      expect(bsnOf((await store.readStream(stream))[0]!)).toBe(bsn);
      const keys: { key_id: string }[] = await db.query(
        `SELECT key_id FROM subject_keys WHERE subject_ref = $1`,
        [ref],
      );
      expect(keys.map((key) => key.key_id)).toEqual([`${ref}.2`]);
    });
  });

  it('given an event the previous release stored in format 1 beside one appended now, when read, then both open alike, an erasure reaches both, and nothing rewrites the old row', async () => {
    const { event, bsn } = finding();
    const stream = activationStreamId(randomUUID());
    await store.append(stream, 0, [event]);
    const rowData = async (version: number) => {
      const [row]: { data: unknown; text: string }[] = await db.query(
        `SELECT data, data::text AS text FROM events WHERE stream_id = $1 AND stream_version = $2`,
        [stream, version],
      );
      return row!;
    };
    const appended = (await rowData(1)).data;
    expect(formatsIn(appended)).toEqual([2]);
    // The same payload as the previous release sealed it: each value in layers, under the same keys.
    const keys = await vault.subjectKeys.keysById(keyIdsIn(appended));
    const asV1 = mapSealed(appended, (sealed) =>
      sealV1(
        open(sealed, (id) => keys.get(id)),
        [...sealed.keys].reverse().map((id) => ({ id, key: keys.get(id)! })),
      ),
    );
    await db.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
       VALUES ($1, 2, $2, $3, $4, $5, $6, now())`,
      [
        stream,
        randomUUID(),
        event.type,
        event.schemaVersion,
        JSON.stringify(asV1),
        JSON.stringify(event.metadata),
      ],
    );
    const stored = await rowData(2);
    expect(formatsIn(stored.data)).toEqual([1]);

    const read = await store.readStream(stream);
    expect(read.map((e) => e.data)).toEqual([event.data, event.data]);

    await vault.subjectKeys.erase(vault.pseudonyms.ofBsn(bsn), `erasure-${randomUUID()}`);
    for (const erased of await store.readStream(stream)) {
      expect((erased.data as { subjects: Record<string, unknown>[] }).subjects[0]).toMatchObject({
        bsn: ERASED,
      });
    }
    expect((await rowData(2)).text).toBe(stored.text);
  });

  it('given sealed events, when a subscription reads them, then it sees them opened', async () => {
    const { event } = finding();
    const stream = activationStreamId(randomUUID());
    const appended = await store.append(stream, 0, [event]);
    const name = `sealing-${randomUUID()}`;
    const subscription = new GapSafeSubscription(db, store, {
      name,
      batchSize: 1000,
      pollIntervalMs: 1000,
      databaseUrl: config.databaseUrl,
    });
    await checkpointsTable.ensure(db.manager, name);
    const { transactionId, position } = appended.checkpoint!;
    await checkpointsTable.advance(db.manager, name, {
      transactionId,
      position: String(BigInt(position) - 1n),
    });
    // Another suite's open transaction can hold the horizon below this event for a while: read until it passes.
    const seen: StoredEvent[] = [];
    for (let tries = 0; tries < 100 && !seen.some((e) => e.streamId === stream); tries++) {
      const handled = await subscription.processBatch(async (events) => void seen.push(...events));
      if (handled === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.find((e) => e.streamId === stream)?.data).toEqual(event.data);
  });
});

/** The sealing formats of a payload's sealed values, each once. */
function formatsIn(data: unknown): number[] {
  const formats = new Set<number>();
  mapSealed(data, (sealed) => (formats.add(sealed.$sealed), sealed));
  return [...formats].sort();
}

/** The payload with each sealed value replaced by what `replace` makes of it. */
function mapSealed(data: unknown, replace: (sealed: SealedValue) => unknown): unknown {
  if (isSealed(data)) return replace(data);
  if (Array.isArray(data)) return data.map((element) => mapSealed(element, replace));
  if (typeof data === 'object' && data !== null)
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, mapSealed(value, replace)]));
  return data;
}
