import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, EventStore } from './event-store.js';
import { checkpointsTable } from './checkpoints.table.js';
import { StoredEvent } from './event-envelope.js';
import { EVENTS_CHANNEL } from './events-channel.js';
import { WakeSignal } from './wake-signal.js';

const MIN_RETRY_MS = 10;
/** After a failed batch (e.g. Postgres restarting) the loop retries from this wait, doubling ... */
const MIN_ERROR_BACKOFF_MS = 100;
/** ... up to this one, so a long outage costs a log line every few seconds, not a busy loop. */
const MAX_ERROR_BACKOFF_MS = 5_000;

export interface SubscriptionOptions {
  /** Names the checkpoint; two processes with the same name share (and serialise on) it. */
  name: string;
  batchSize: number;
  /** The safety net when a notification is lost; LISTEN/NOTIFY wakes the subscription at once. */
  pollIntervalMs: number;
  databaseUrl: string;
  /** A failed batch (rolled back) or a lost listener connection; `retryInMs` when the loop will try again. */
  onError?: (error: Error, retryInMs?: number) => void;
  /**
   * The event types the handler wants; left out, every event. Others are passed by unopened (their sealed
   * values are not decrypted) and the checkpoint moves past them all the same.
   */
  types?: (type: string) => boolean;
}

/** Processes a batch inside the transaction that also moves the checkpoint: done once, or not at all. */
export type BatchHandler = (events: StoredEvent[], tx: EntityManager) => Promise<void>;

export interface SubscriptionProgress {
  /** Events handled by this process since it started. */
  handled: number;
  /** Events committed past the checkpoint and not yet handled (held back by an open transaction, or in flight). */
  behind: number;
}

/** How far behind the subscription is, and why: what its metrics report. */
export interface SubscriptionLag {
  /** Events committed past the checkpoint and not yet handled. */
  behind: number;
  /** Of those, the ones beyond the horizon: committed, but waiting for an older transaction to end. */
  heldBack: number;
  /**
   * While events are held back: for how long the transaction holding the horizon has been open (from
   * pg_stat_activity when the role may see it, else since this process first saw the horizon stuck there);
   * 0 when nothing is held back.
   */
  horizonHeldSeconds: number;
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
  private readonly signal = new WakeSignal();
  private listener?: Client;
  private listening = false;
  private handled = 0;
  private heldBack = false;
  private retryDelayMs = MIN_RETRY_MS;
  private errorDelayMs = MIN_ERROR_BACKOFF_MS;
  private stuckHorizon?: { horizon: string; since: number };

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
    this.signal.interrupt();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Handles at most one batch; returns how many events it read (handed to the handler or passed by). */
  async processBatch(handler: BatchHandler): Promise<number> {
    const { name, batchSize } = this.options;
    this.signal.looking(); // before the snapshot: what is notified from here on, the next batch reads
    await checkpointsTable.ensure(this.dataSource.manager, name);
    return this.dataSource.transaction(async (tx) => {
      // The horizon must be read before this transaction takes an id of its own (the row lock below).
      const [{ horizon }] = await tx.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`);
      const checkpoint = await checkpointsTable.lock(tx, name);
      const rows = await tx.query(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE transaction_id < $1::xid8 AND (transaction_id, position) > ($2::xid8, $3::bigint)
         ORDER BY events.transaction_id, events.position
         LIMIT $4`,
        [horizon, checkpoint.transactionId, checkpoint.position, batchSize],
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
      const { types } = this.options;
      const events = await this.store.toStoredEvents(
        types ? rows.filter((row: { type: string }) => types(row.type)) : rows,
      );
      if (events.length > 0) await handler(events, tx);
      const last: { transaction_id: string; position: string | number } = rows[rows.length - 1];
      await checkpointsTable.advance(tx, name, {
        transactionId: last.transaction_id,
        position: String(last.position),
      });
      this.handled += events.length;
      return rows.length;
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

  /** How many events wait, how many of them an open transaction holds back, and for how long it has. */
  async lag(): Promise<SubscriptionLag> {
    const [row]: { behind: number; held_back: number; horizon: string; holder_seconds: number | null }[] =
      await this.dataSource.query(
        `WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
         SELECT
           (SELECT count(*)::int FROM events e, subscription_checkpoints c
             WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position)) AS behind,
           (SELECT count(*)::int FROM events e, subscription_checkpoints c, h
             WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position)
               AND e.transaction_id >= h.horizon) AS held_back,
           h.horizon::text AS horizon,
           (SELECT extract(epoch FROM clock_timestamp() - min(a.xact_start))::float FROM pg_stat_activity a
             WHERE a.backend_xid = xid(h.horizon)) AS holder_seconds
         FROM h`,
        [this.options.name],
      );
    if (row.held_back === 0) {
      this.stuckHorizon = undefined;
      return { behind: row.behind, heldBack: 0, horizonHeldSeconds: 0 };
    }
    if (this.stuckHorizon?.horizon !== row.horizon)
      this.stuckHorizon = { horizon: row.horizon, since: Date.now() };
    const seen = (Date.now() - this.stuckHorizon.since) / 1000;
    return { behind: row.behind, heldBack: row.held_back, horizonHeldSeconds: row.holder_seconds ?? seen };
  }

  private async run(handler: BatchHandler): Promise<void> {
    while (this.running) {
      let handled: number;
      try {
        handled = await this.processBatch(handler);
        this.errorDelayMs = MIN_ERROR_BACKOFF_MS;
      } catch (error) {
        // The batch's transaction rolled back: nothing half-done remains. Back off and try again.
        if (!this.running) break;
        this.options.onError?.(error as Error, this.errorDelayMs);
        await this.signal.sleep(this.errorDelayMs, { backOff: true });
        this.errorDelayMs = Math.min(this.errorDelayMs * 2, MAX_ERROR_BACKOFF_MS);
        continue;
      }
      if (handled > 0) this.retryDelayMs = MIN_RETRY_MS;
      if (handled === this.options.batchSize) continue;
      if (handled === 0 && this.heldBack) {
        await this.signal.sleep(this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.options.pollIntervalMs);
      } else if (handled === 0) {
        await this.signal.sleep(this.options.pollIntervalMs);
      }
    }
  }

  /**
   * Keeps one connection LISTENing while running. Losing it (an error, or the server ending the session,
   * e.g. on a restart) loses no events, only the wake-ups: the poll goes on, and the new connection wakes
   * the loop once it is back.
   */
  private async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    let retryMs = MIN_ERROR_BACKOFF_MS;
    try {
      while (this.running && !this.listener) {
        const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true });
        const lost = (error?: Error) => {
          if (this.listener !== client) return;
          this.listener = undefined;
          if (error) this.options.onError?.(error);
          void client.end().catch(() => undefined);
          if (this.running) void this.listen();
        };
        client.on('notification', () => this.signal.notify());
        client.on('error', (error) => lost(error));
        client.on('end', () => lost());
        try {
          await client.connect();
          await client.query(`LISTEN ${EVENTS_CHANNEL}`);
          if (!this.running) {
            await client.end().catch(() => undefined);
            return;
          }
          this.listener = client;
          this.signal.notify(); // anything appended while we were not listening
        } catch (error) {
          this.options.onError?.(error as Error, retryMs);
          await client.end().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, retryMs));
          retryMs = Math.min(retryMs * 2, Math.max(this.options.pollIntervalMs, MAX_ERROR_BACKOFF_MS));
        }
      }
    } finally {
      this.listening = false;
    }
  }
}
