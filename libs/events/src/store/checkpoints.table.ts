import { EntityManager } from 'typeorm';
import { SubscriptionCheckpoint } from './event-store.js';

/**
 * subscription_checkpoints: how far each reader of the events has come. A gap-safe subscription keeps a
 * (transaction id, position) pair, moved in the same transaction as its work; the Kafka relay keeps the
 * last feed position the broker acknowledged in `position`. A row is locked (FOR UPDATE) by whoever works
 * on that reader's behalf, so two processes sharing a name take turns.
 */
export const checkpointsTable = {
  async ensure(db: EntityManager, name: string): Promise<void> {
    await db.query(
      `INSERT INTO subscription_checkpoints (subscription) VALUES ($1) ON CONFLICT (subscription) DO NOTHING`,
      [name],
    );
  },

  /** Locks the reader's row until the transaction ends, and says where it stands. */
  async lock(tx: EntityManager, name: string): Promise<SubscriptionCheckpoint> {
    const [row]: { transaction_id: string; position: string }[] = await tx.query(
      `SELECT transaction_id::text AS transaction_id, position::text AS position FROM subscription_checkpoints
       WHERE subscription = $1 FOR UPDATE`,
      [name],
    );
    return { transactionId: row.transaction_id, position: row.position };
  },

  /** Where the reader stands, without locking its row. */
  async at(db: EntityManager, name: string): Promise<SubscriptionCheckpoint> {
    const [row]: { transaction_id: string; position: string }[] = await db.query(
      `SELECT transaction_id::text AS transaction_id, position::text AS position FROM subscription_checkpoints
       WHERE subscription = $1`,
      [name],
    );
    return { transactionId: row.transaction_id, position: row.position };
  },

  async advance(tx: EntityManager, name: string, to: SubscriptionCheckpoint): Promise<void> {
    await tx.query(
      `UPDATE subscription_checkpoints SET transaction_id = $2::xid8, position = $3, updated_at = clock_timestamp()
       WHERE subscription = $1`,
      [name, to.transactionId, to.position],
    );
  },

  /** Back to before the first event: the reader handles everything again. */
  async reset(tx: EntityManager, name: string): Promise<void> {
    await tx.query(
      `UPDATE subscription_checkpoints SET transaction_id = '0', position = 0, updated_at = clock_timestamp()
       WHERE subscription = $1`,
      [name],
    );
  },

  /** Whether the reader has passed `checkpoint` (handled every event up to it). */
  async reached(db: EntityManager, name: string, checkpoint: SubscriptionCheckpoint): Promise<boolean> {
    const [row] = await db.query(
      `SELECT (transaction_id, position) >= ($2::xid8, $3::bigint) AS reached
       FROM subscription_checkpoints WHERE subscription = $1`,
      [name, checkpoint.transactionId, checkpoint.position],
    );
    return row?.reached === true;
  },

  /** A position-only reader's position (the relay's last acknowledged feed_seq); 0 before the first. */
  async position(db: EntityManager, name: string): Promise<number> {
    const [row] = await db.query(
      `SELECT position::text AS position FROM subscription_checkpoints WHERE subscription = $1`,
      [name],
    );
    return Number(row?.position ?? 0);
  },

  /** Moves a position-only reader forward (never back: a slower twin cannot undo a faster one). */
  async moveTo(db: EntityManager, name: string, position: number | string): Promise<void> {
    await db.query(
      `UPDATE subscription_checkpoints SET position = $2, updated_at = clock_timestamp()
       WHERE subscription = $1 AND position < $2`,
      [name, position],
    );
  },
};
