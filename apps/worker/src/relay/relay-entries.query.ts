import type { DataCategory } from '#domain';
import type { FeedEntry } from '#events';
import { RELAY_CHECKPOINT, type Queryable } from './relay-checkpoint.table.js';

/** A feed entry the relay publishes: the CloudEvent's content and where it goes. */
export interface RelayEntry extends FeedEntry {
  agency: string;
  feedSeq: string;
}

interface EntryRow {
  seq: string;
  agency: string;
  event_id: string;
  activation_id: string;
  event_type: string;
  schema_version: number;
  recorded_at: Date;
  payload: unknown;
  carried: DataCategory[];
  withheld: DataCategory[];
}

// recorded_at comes from the event itself (the CloudEvents `time` under the NL GOV profile); event_id is
// unique in events, so the join reads one index entry per feed entry.
const ENTRY_COLUMNS = `f.feed_seq::text AS seq, f.agency, f.event_id, f.activation_id, f.event_type,
  f.schema_version, e.recorded_at, f.payload, f.carried, f.withheld`;

function toEntry(row: EntryRow): RelayEntry {
  return {
    feedSeq: row.seq,
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

/** The relay's reads of the agency feeds (rm_feed), in feed order. */
export const relayEntries = {
  /** The next `limit` entries after the relay's checkpoint. */
  async afterCheckpoint(db: Queryable, limit: number): Promise<RelayEntry[]> {
    // Sorted by the bigint column: sorting by its text would put 10 before 9.
    const rows: EntryRow[] = await db.query(
      `SELECT ${ENTRY_COLUMNS}
       FROM rm_feed f JOIN events e ON e.event_id = f.event_id
       WHERE f.feed_seq > (SELECT position FROM subscription_checkpoints WHERE subscription = $1)
       ORDER BY f.feed_seq
       LIMIT $2`,
      [RELAY_CHECKPOINT, limit],
    );
    return rows.map(toEntry);
  },

  /** The entries at these feed positions, in feed order. */
  async at(db: Queryable, feedSeqs: readonly string[]): Promise<RelayEntry[]> {
    if (feedSeqs.length === 0) return [];
    const rows: EntryRow[] = await db.query(
      `SELECT ${ENTRY_COLUMNS}
       FROM rm_feed f JOIN events e ON e.event_id = f.event_id
       WHERE f.feed_seq = ANY($1::bigint[])
       ORDER BY f.feed_seq`,
      [feedSeqs],
    );
    return rows.map(toEntry);
  },
};
