import type { EntityManager } from 'typeorm';

/** A connection or a transaction: the queries below run on either. */
export type Queryable = Pick<EntityManager, 'query'>;

/** The relay's row in subscription_checkpoints; its `position` is the last feed_seq Kafka acknowledged. */
export const RELAY_CHECKPOINT = 'kafka-relay';

/** Where the relay stands against the feeds it publishes. */
export interface RelayBacklog {
  relayedThrough: number;
  behind: number;
  oldestWaitingSeconds: number;
}

/** The relay's checkpoint row: the only module that reads or writes it. */
export const relayCheckpoint = {
  async ensure(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO subscription_checkpoints (subscription) VALUES ($1) ON CONFLICT (subscription) DO NOTHING`,
      [RELAY_CHECKPOINT],
    );
  },

  async position(db: Queryable): Promise<number> {
    const [row] = await db.query(
      `SELECT position::text AS position FROM subscription_checkpoints WHERE subscription = $1`,
      [RELAY_CHECKPOINT],
    );
    return Number(row?.position ?? 0);
  },

  /** Moves forward only: a slower relay that lost its lease meanwhile cannot move it back. */
  async advance(db: Queryable, through: string | number): Promise<void> {
    await db.query(
      `UPDATE subscription_checkpoints SET position = $2, updated_at = clock_timestamp()
       WHERE subscription = $1 AND position < $2`,
      [RELAY_CHECKPOINT, through],
    );
  },

  /** Back to the first feed entry: everything is published again (a new, empty Kafka cluster). */
  async rewind(db: Queryable): Promise<void> {
    await db.query(
      `UPDATE subscription_checkpoints SET position = 0, updated_at = clock_timestamp() WHERE subscription = $1`,
      [RELAY_CHECKPOINT],
    );
  },

  async backlog(db: Queryable): Promise<RelayBacklog> {
    const [row] = await db.query(
      `SELECT c.position::text AS relayed_through, count(f.feed_seq)::int AS behind,
              coalesce(extract(epoch FROM clock_timestamp() - min(f.fed_at)), 0)::float AS oldest_waiting_seconds
       FROM subscription_checkpoints c LEFT JOIN rm_feed f ON f.feed_seq > c.position
       WHERE c.subscription = $1
       GROUP BY c.position`,
      [RELAY_CHECKPOINT],
    );
    return {
      relayedThrough: Number(row?.relayed_through ?? 0),
      behind: row?.behind ?? 0,
      oldestWaitingSeconds: row?.oldest_waiting_seconds ?? 0,
    };
  },
};
