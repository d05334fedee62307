import type { EntityManager } from 'typeorm';
import { checkpointsTable, type EventStore, type FeedEntry } from '#events';
import { FeedRow, FeedRowInForce, feedRowsInForce, feedTable } from '#read-models';

/** The relay's row in subscription_checkpoints; its `position` is the last feed_seq Kafka acknowledged. */
export const RELAY_CHECKPOINT = 'kafka-relay';

/** The processing activity an agency's Kafka feed serves (FeedRelaySettings.activityOf). */
export type FeedActivities = (agency: string) => string;

/** A feed entry the relay publishes: the CloudEvent's content, where it goes, and its place among all rows. */
export interface RelayEntry extends FeedEntry {
  agency: string;
  /** rm_feed.feed_seq: the relay's own order and checkpoint over every agency's entries; never published. */
  feedSeq: string;
  /** The processing activity the agency's feed serves (FEED_ACTIVITIES): the access log names it. */
  activity: string;
}

/** Feed rows as the relay publishes them now, and the last row read, published or not. */
export interface RelayBatch {
  entries: RelayEntry[];
  /** The feed_seq of the last row read: the checkpoint moves there once the entries are acknowledged. */
  through: string | undefined;
  /** How many rows were read, published or not: fewer than asked for means the feeds hold no more now. */
  read: number;
  /** Rows read whose agency may no longer see them (a revoked primary category): never published. */
  withheld: string[];
}

/** Where the relay stands against the feeds it publishes. */
export interface RelayBacklog {
  relayedThrough: number;
  behind: number;
  oldestWaitingSeconds: number;
}

function toEntry({ row, visible }: FeedRowInForce, activity: string): RelayEntry {
  return {
    activity,
    feedSeq: row.seq,
    sequence: row.agency_seq,
    agency: row.agency,
    eventId: row.event_id,
    activationId: row.activation_id,
    type: row.event_type,
    schemaVersion: visible.schemaVersion,
    recordedAt: row.recorded_at,
    payload: visible.data,
    carried: visible.carried,
    withheld: visible.withheld,
  };
}

/**
 * Rows as the relay publishes them: by the one rule of every channel (feedRowsInForce), redacted again with
 * the agreements in force at publish time, so entries fed before a revocation and published after it (say,
 * queued while Kafka was away) go out as a GraphQL reader would be shown them now.
 */
async function inForce(
  db: EntityManager,
  store: EventStore,
  rows: readonly FeedRow[],
  feeds: FeedActivities,
): Promise<RelayBatch> {
  const shown = await feedRowsInForce(db, store, rows, feeds);
  const published = new Set(shown.map(({ row }) => row.seq));
  return {
    entries: shown.map((item) => toEntry(item, feeds(item.row.agency))),
    through: rows.at(-1)?.seq,
    read: rows.length,
    withheld: rows.filter((row) => !published.has(row.seq)).map((row) => row.seq),
  };
}

/**
 * What the relay reads of the feeds (through the feed table) and of its own checkpoint (the checkpoints
 * table). `store` is the event store as every process runs it: a row showing personal data is published as
 * the store reads its event now (feedRowsInForce), so nothing goes out whose key an erasure deleted.
 */
export const relayEntries = {
  /** The next `limit` rows after the relay's checkpoint, in feed order, as they are published now. */
  async afterCheckpoint(
    db: EntityManager,
    store: EventStore,
    limit: number,
    feeds: FeedActivities,
  ): Promise<RelayBatch> {
    const position = await checkpointsTable.position(db, RELAY_CHECKPOINT);
    return inForce(db, store, await feedTable.after(db, position, limit), feeds);
  },

  /** The rows at these feed positions, in feed order, as they are published now. */
  async at(
    db: EntityManager,
    store: EventStore,
    feedSeqs: readonly string[],
    feeds: FeedActivities,
  ): Promise<RelayBatch> {
    return inForce(db, store, await feedTable.at(db, feedSeqs), feeds);
  },

  async backlog(db: EntityManager): Promise<RelayBacklog> {
    const relayedThrough = await checkpointsTable.position(db, RELAY_CHECKPOINT);
    return { relayedThrough, ...(await feedTable.backlog(db, relayedThrough)) };
  },
};
