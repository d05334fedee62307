import { EntityManager } from 'typeorm';
import { EventStore, StoredEvent } from '#events';
import { StreamHistory } from './stream-history.js';

const event = (streamVersion: number, streamId = 'activation-a'): StoredEvent =>
  ({ streamId, streamVersion, eventId: `${streamId}-${streamVersion}` }) as StoredEvent;

/** A store holding versions 1..10 of every stream, counting the reads it answers. */
function fakeStore() {
  const reads: { streamId: string; upToVersion?: number }[] = [];
  const store = {
    readStream: (streamId: string, after: number, options: { upToVersion?: number }) => {
      reads.push({ streamId, upToVersion: options.upToVersion });
      const upTo = options.upToVersion ?? 10;
      return Promise.resolve(Array.from({ length: upTo - after }, (_, i) => event(after + i + 1, streamId)));
    },
  };
  return { store: store as unknown as EventStore, reads };
}

const versions = (events: StoredEvent[]) => events.map((e) => e.streamVersion);

describe('StreamHistory', () => {
  it('serves a stream that began in this batch from memory', async () => {
    const { store, reads } = fakeStore();
    const history = new StreamHistory(store, {} as EntityManager);
    [1, 2, 3].forEach((v) => history.record(event(v)));
    expect(versions(await history.before(event(4)))).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
  });

  it('reads only the part before the batch, once per stream', async () => {
    const { store, reads } = fakeStore();
    const history = new StreamHistory(store, {} as EntityManager);
    [5, 6].forEach((v) => history.record(event(v)));
    expect(versions(await history.before(event(7)))).toEqual([1, 2, 3, 4, 5, 6]);
    history.record(event(7));
    expect(versions(await history.before(event(8)))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reads).toEqual([{ streamId: 'activation-a', upToVersion: 4 }]);
  });

  it('reads the whole history when the batch holds nothing of the stream', async () => {
    const { store, reads } = fakeStore();
    const history = new StreamHistory(store, {} as EntityManager);
    history.record(event(1, 'activation-b'));
    expect(versions(await history.before(event(3)))).toEqual([1, 2]);
    expect(reads).toEqual([{ streamId: 'activation-a', upToVersion: 2 }]);
  });

  it('does not trust a batch with a hole in the stream', async () => {
    const { store, reads } = fakeStore();
    const history = new StreamHistory(store, {} as EntityManager);
    [2, 4].forEach((v) => history.record(event(v)));
    expect(versions(await history.before(event(5)))).toEqual([1, 2, 3, 4]);
    expect(reads).toEqual([{ streamId: 'activation-a', upToVersion: 3 }]);
  });
});
