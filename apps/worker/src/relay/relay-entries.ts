import type { EntityManager } from 'typeorm';
import { checkpointsTable, type FeedEntry } from '#events';
import { FeedRow, feedTable } from '#read-models';

/** The relay's row in subscription_checkpoints; its `position` is the last feed_seq Kafka acknowledged. */
export const RELAY_CHECKPOINT = 'kafka-relay';

/** A feed entry the relay publishes: the CloudEvent's content, where it goes, and its place among all rows. */
export interface RelayEntry extends FeedEntry {
  agency: string;
  /** rm_feed.feed_seq: the relay's own order and checkpoint over every agency's entries; never published. */
  feedSeq: string;
}

/** Where the relay stands against the feeds it publishes. */
export interface RelayBacklog {
  relayedThrough: number;
  behind: number;
  oldestWaitingSeconds: number;
}

function toEntry(row: FeedRow): RelayEntry {
  return {
    feedSeq: row.seq,
    sequence: row.agency_seq,
    agency: row.agency,
    eventId: row.event_id,
    activationId: row.activation_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    recordedAt: row.recorded_at,
    payload: row.payload,
    carried: row.carried,
    withheld: row.withheld,
  };
}

/** What the relay reads of the feeds (through the feed table) and of its own checkpoint (the checkpoints table). */
export const relayEntries = {
  /** The next `limit` entries after the relay's checkpoint, in feed order. */
  async afterCheckpoint(db: EntityManager, limit: number): Promise<RelayEntry[]> {
    const position = await checkpointsTable.position(db, RELAY_CHECKPOINT);
    return (await feedTable.after(db, position, limit)).map(toEntry);
  },

  /** The entries at these feed positions, in feed order. */
  async at(db: EntityManager, feedSeqs: readonly string[]): Promise<RelayEntry[]> {
    return (await feedTable.at(db, feedSeqs)).map(toEntry);
  },

  async backlog(db: EntityManager): Promise<RelayBacklog> {
    const relayedThrough = await checkpointsTable.position(db, RELAY_CHECKPOINT);
    return { relayedThrough, ...(await feedTable.backlog(db, relayedThrough)) };
  },
};
