import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, EventStore } from './event-store.js';
import { StoredEvent } from './event-envelope.js';
import { EVENTS_CHANNEL } from './events-channel.js';

const MIN_RETRY_MS = 10;

export interface SubscriptionOptions {
  /** Names the checkpoint; two processes with the same name share (and serialise on) it. */
  name: string;
  batchSize: number;
  /** The safety net when a notification is lost; LISTEN/NOTIFY wakes the subscription at once. */
  pollIntervalMs: number;
  databaseUrl: string;
  onError?: (error: Error) => void;
}

/** Processes a batch inside the transaction that also moves the checkpoint: done once, or not at all. */
export type BatchHandler = (events: StoredEvent[], tx: EntityManager) => Promise<void>;

export interface SubscriptionProgress {
  /** Events handled by this process since it started. */
  handled: number;
  /** Events committed past the checkpoint and not yet handled (held back by an open transaction, or in flight). */
  behind: number;
}

/**
 * Reads every event exactly once, in commit-safe order, across restarts.
 *
 * Positions come from a sequence and commit out of order, so "after the last position seen" skips an
 * event whose transaction commits late. Instead the subscription reads only events written by
 * transactions older than the oldest one still running (pg_snapshot_xmin of the current snapshot),
 * ordered by (transaction id, position), and keeps that pair as its checkpoint — in the same transaction
 * as the handler's writes. A long open transaction anywhere in the cluster holds the horizon back,
 * which `progress().behind` makes visible.
 */
export class GapSafeSubscription {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private handled = 0;
  private heldBack = false;
  private retryDelayMs = MIN_RETRY_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
  ) {}

  start(handler: BatchHandler): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run(handler);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Handles at most one batch; returns how many events it handled. */
  async processBatch(handler: BatchHandler): Promise<number> {
    const { name, batchSize } = this.options;
    await this.dataSource.query(
      `INSERT INTO subscription_checkpoints (subscription) VALUES ($1) ON CONFLICT (subscription) DO NOTHING`,
      [name],
    );
    return this.dataSource.transaction(async (tx) => {
      // The horizon must be read before this transaction takes an id of its own (the row lock below).
      const [{ horizon }] = await tx.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`);
      const [checkpoint]: { transaction_id: string; position: string }[] = await tx.query(
        `SELECT transaction_id::text AS transaction_id, position FROM subscription_checkpoints
         WHERE subscription = $1 FOR UPDATE`,
        [name],
      );
      const rows = await tx.query(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE transaction_id < $1::xid8 AND (transaction_id, position) > ($2::xid8, $3::bigint)
         ORDER BY events.transaction_id, events.position
         LIMIT $4`,
        [horizon, checkpoint.transaction_id, checkpoint.position, batchSize],
      );
      if (rows.length === 0) {
        // Committed events beyond the horizon wait only for an older transaction to end: look again soon.
        const [{ waiting }] = await tx.query(
          `SELECT EXISTS (SELECT 1 FROM events WHERE transaction_id >= $1::xid8) AS waiting`,
          [horizon],
        );
        this.heldBack = waiting;
        return 0;
      }
      this.heldBack = false;
      const events = rows.map((row: Parameters<EventStore['toStoredEvent']>[0]) =>
        this.store.toStoredEvent(row),
      );
      await handler(events, tx);
      const last = events[events.length - 1];
      await tx.query(
        `UPDATE subscription_checkpoints SET transaction_id = $2::xid8, position = $3, updated_at = clock_timestamp()
         WHERE subscription = $1`,
        [name, last.transactionId, last.position],
      );
      this.handled += events.length;
      return events.length;
    });
  }

  async progress(): Promise<SubscriptionProgress> {
    const [{ behind }] = await this.dataSource.query(
      `SELECT count(*)::int AS behind FROM events e, subscription_checkpoints c
       WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position)`,
      [this.options.name],
    );
    return { handled: this.handled, behind };
  }

  private async run(handler: BatchHandler): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.processBatch(handler);
      } catch (error) {
        this.options.onError?.(error as Error);
      }
      if (handled > 0) this.retryDelayMs = MIN_RETRY_MS;
      if (handled === this.options.batchSize) continue;
      if (handled === 0 && this.heldBack) {
        await this.sleep(this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.options.pollIntervalMs);
      } else if (handled === 0) {
        await this.sleep(this.options.pollIntervalMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    while (this.running && !this.listener) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      try {
        client.on('notification', () => this.wake?.());
        client.on('error', (error) => {
          this.options.onError?.(error);
          this.listener = undefined;
          void this.listen();
        });
        await client.connect();
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        this.listener = client;
        this.wake?.(); // anything appended while we were not listening
      } catch (error) {
        this.options.onError?.(error as Error);
        await client.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
      }
    }
  }
}
