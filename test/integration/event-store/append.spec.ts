import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandIdReusedError, EventStore, StreamVersionConflictError } from '#events';
import { openTestDataSource } from '../../support/test-database.js';
import { newEvent, newStreamId } from './new-events.fixture.js';

describe('EventStore.append against the real Postgres', () => {
  let db: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    db = await openTestDataSource(20);
    store = new EventStore(db);
  });
  afterAll(() => db.destroy());

  it('appends the events of one command atomically with consecutive versions', async () => {
    const stream = newStreamId();
    const result = await store.append(stream, 0, [newEvent(), newEvent(), newEvent()]);
    expect(result.streamVersion).toBe(3);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(read.map((e) => e.eventId)).toEqual(result.eventIds);
  });

  it('lets exactly one of 12 parallel appends at the same expected version win', async () => {
    const stream = newStreamId();
    await store.append(stream, 0, [newEvent()]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => store.append(stream, 1, [newEvent(), newEvent()])),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const loss of lost) expect(loss.reason).toBeInstanceOf(StreamVersionConflictError);
    expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('refuses a stale or future expected version with a typed conflict and writes nothing', async () => {
    const stream = newStreamId();
    await store.append(stream, 0, [newEvent(), newEvent()]);
    await expect(store.append(stream, 1, [newEvent()])).rejects.toBeInstanceOf(StreamVersionConflictError);
    // The message names no versions: where versions are shown to agencies, a count would tell them how
    // many events they may not see.
    await expect(store.append(stream, 5, [newEvent()])).rejects.toThrow(
      expect.objectContaining({ streamId: stream, message: expect.not.stringMatching(/\d/) }),
    );
    await expect(store.append(stream, 0, [newEvent()])).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('appends racing identical commands once and gives every caller the first result', async () => {
    const stream = newStreamId();
    const command = { commandId: randomUUID(), commandHash: 'same-content' };
    const events = [newEvent(), newEvent()];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.append(stream, 0, events, command)),
    );
    expect(await store.readStream(stream)).toHaveLength(2);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const result of results)
      expect(result).toMatchObject({ streamVersion: 2, eventIds: events.map((e) => e.eventId) });
  });

  it('returns the first result for a repeated command id even after the stream moved on', async () => {
    const stream = newStreamId();
    const command = { commandId: randomUUID(), commandHash: 'h1' };
    const first = await store.append(stream, 0, [newEvent()], command);
    await store.append(stream, 1, [newEvent()]);
    const again = await store.append(stream, 0, [newEvent()], command);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('refuses a command id reused for a different command', async () => {
    const stream = newStreamId();
    const commandId = randomUUID();
    await store.append(stream, 0, [newEvent()], { commandId, commandHash: 'a' });
    await expect(
      store.append(stream, 1, [newEvent()], { commandId, commandHash: 'b' }),
    ).rejects.toBeInstanceOf(CommandIdReusedError);
  });

  it('keeps the events table append-only', async () => {
    const stream = newStreamId();
    await store.append(stream, 0, [newEvent()]);
    await expect(db.query(`UPDATE events SET type = 'x' WHERE stream_id = $1`, [stream])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM events WHERE stream_id = $1`, [stream])).rejects.toThrow(
      /append-only/,
    );
  });

  it('upcasts old schema versions on read', async () => {
    const upcasting = {
      upcast: (type: string, version: number, data: unknown) =>
        type === 'test.renamed' && version === 1
          ? { schemaVersion: 2, data: { fullName: (data as { name: string }).name } }
          : { schemaVersion: version, data },
    };
    const stream = newStreamId();
    await new EventStore(db).append(stream, 0, [newEvent('test.renamed', { name: 'Ada' })]);
    const [event] = await new EventStore(db, upcasting).readStream(stream);
    expect(event).toMatchObject({ schemaVersion: 2, data: { fullName: 'Ada' } });
  });
});
