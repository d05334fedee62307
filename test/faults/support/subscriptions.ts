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

/**
 * Why everythingCaughtUp is false, for a failing test to show: each subscription's checkpoint and the
 * events beyond it, the horizon and the oldest transaction holding it, the relay's checkpoint against the
 * last feed entry.
 */
export async function whyBehind(db: DataSource): Promise<string> {
  const subscriptions = await db.query(
    `SELECT c.subscription, c.transaction_id::text || '/' || c.position AS at,
            (SELECT count(*)::int FROM events e
              WHERE (e.transaction_id, e.position) > (c.transaction_id, c.position)) AS beyond
       FROM subscription_checkpoints c ORDER BY c.subscription`,
  );
  const [horizon] = await db.query(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
            (SELECT coalesce(max(feed_seq), 0)::text FROM rm_feed) AS last_feed_seq`,
  );
  const holders = await db.query(
    `SELECT pid, backend_xid::text AS xid, state, application_name,
            round(extract(epoch FROM now() - xact_start))::int AS open_seconds, left(query, 120) AS query
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR state LIKE 'idle in transaction%'
      ORDER BY xact_start LIMIT 5`,
  );
  return JSON.stringify({ subscriptions, ...horizon, holders }, null, 1);
}
