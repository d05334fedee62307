import { DataSource } from 'typeorm';
import { AGENCY_FEEDS, READ_MODELS } from '#read-models';
import { relayCaughtUp } from '../../integration/relay/feed-topics.fixture.js';

/** True once the subscription has a checkpoint and no committed event lies beyond it. */
export async function subscriptionCaughtUp(db: DataSource, name: string): Promise<boolean> {
  const [{ done }] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM subscription_checkpoints WHERE subscription = $1)
        AND NOT EXISTS (
              SELECT 1 FROM events e, subscription_checkpoints c
              WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position)) AS done`,
    [name],
  );
  return done;
}

/** The read models and the feeds have every event, and Kafka has every feed entry. */
export async function everythingCaughtUp(db: DataSource): Promise<boolean> {
  return (
    (await subscriptionCaughtUp(db, READ_MODELS.name)) &&
    (await subscriptionCaughtUp(db, AGENCY_FEEDS.name)) &&
    (await relayCaughtUp(db))
  );
}

/** The relay's checkpoint: the last feed_seq Kafka acknowledged. */
export async function relayCheckpoint(db: DataSource): Promise<number> {
  const [row] = await db.query(
    `SELECT position::int AS position FROM subscription_checkpoints WHERE subscription = 'kafka-relay'`,
  );
  return row?.position ?? 0;
}

/** A subscription's checkpoint as text, to see whether it moved. */
export async function checkpointOf(db: DataSource, name: string): Promise<string> {
  const [row] = await db.query(
    `SELECT transaction_id::text || '/' || position AS at FROM subscription_checkpoints WHERE subscription = $1`,
    [name],
  );
  return row?.at ?? 'none';
}
