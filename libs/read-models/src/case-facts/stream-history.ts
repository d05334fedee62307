import { EntityManager } from 'typeorm';
import { EventStore, StoredEvent } from '#events';

/**
 * The earlier events of a stream, for an agency that joins an activation and gets its history. Scoped to
 * one batch: events the batch already went through are served from memory and only the part before the
 * batch is read from the store, so a batch full of joins costs one read per stream, not one per join.
 */
export class StreamHistory {
  private readonly seen = new Map<string, StoredEvent[]>();

  constructor(
    private readonly store: EventStore,
    private readonly tx: EntityManager,
  ) {}

  /** Remembers an event of this batch, in the order the batch hands them out. */
  record(event: StoredEvent): void {
    const stream = this.seen.get(event.streamId);
    if (stream) stream.push(event);
    else this.seen.set(event.streamId, [event]);
  }

  /** Every event of the stream before `event`, in stream order. */
  async before(event: StoredEvent): Promise<StoredEvent[]> {
    const inBatch = this.contiguousBefore(event);
    const firstInBatch = inBatch[0]?.streamVersion ?? event.streamVersion;
    if (firstInBatch === 1) return inBatch;
    const older = await this.store.readStream(event.streamId, 0, {
      upToVersion: firstInBatch - 1,
      tx: this.tx,
    });
    // Keep what was read: a second join in this batch needs the same prefix.
    const rest = (this.seen.get(event.streamId) ?? []).filter((e) => e.streamVersion >= firstInBatch);
    this.seen.set(event.streamId, [...older, ...rest]);
    return [...older, ...inBatch];
  }

  /** The events of this batch that end right before `event` without a hole, oldest first. */
  private contiguousBefore(event: StoredEvent): StoredEvent[] {
    const earlier = (this.seen.get(event.streamId) ?? []).filter(
      (e) => e.streamVersion < event.streamVersion,
    );
    const run: StoredEvent[] = [];
    let expected = event.streamVersion - 1;
    for (let i = earlier.length - 1; i >= 0 && earlier[i].streamVersion === expected; i--, expected--) {
      run.unshift(earlier[i]);
    }
    return run;
  }
}
