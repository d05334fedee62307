import { EntityManager } from 'typeorm';
import type { EventStore } from '#events';
import { FeedRange, feedRowsInForce, feedTable } from '#read-models';
import { Disclosure, disclosureOfVisible } from '../../access-log/index.js';
import { FeedEntry } from './feed-entry.type.js';

export interface FeedItem {
  /** The row's place in the agency's own feed (agency_seq), stable for good. */
  readonly seq: number;
  readonly entry: FeedEntry;
  /** What of the access-logged categories the entry discloses, for LoggedReads. */
  readonly disclosure: Disclosure | undefined;
}

export interface FeedBatch {
  /** The entries the agency may see now, in feed order. */
  readonly items: FeedItem[];
  /** How many rows were read, shown or not: fewer than the limit means the feed holds no more for now. */
  readonly scanned: number;
  /** The position of the last row read, shown or not: the next batch starts after it. */
  readonly lastSeq: number | undefined;
}

/**
 * The one read of an agency's feed, for the feed query and both subscriptions: the rows of rm_feed after a
 * position, in feed order, through the caller's row-level-security transaction (keten_api, the agency and
 * role set), each as the agency may see it now (feedRowsInForce, the rule the Kafka relay follows too). A
 * row not shown is still read, so the position moves past it. `store` opens the events of rows that show
 * personal data, so a value whose key an erasure deleted is the marker before its row is rewritten too.
 */
export async function readFeed(
  db: EntityManager,
  store: EventStore,
  agency: string,
  range: FeedRange,
  /** The processing activity the read serves: only agreements serving it count. */
  activity: string,
): Promise<FeedBatch> {
  const rows = await feedTable.page(db, agency, range);
  const items: FeedItem[] = [];
  for (const { row, visible } of await feedRowsInForce(db, store, rows, activity)) {
    items.push({
      seq: Number(row.agency_seq),
      entry: {
        eventId: row.event_id,
        activationId: row.activation_id,
        sequence: row.agency_seq,
        type: row.event_type,
        schemaVersion: visible.schemaVersion,
        occurredAt: row.occurred_at,
        actingAgency: row.acting_agency,
        payload: visible.data,
        // What was withheld when the row was fed stays withheld, whatever the agreements say now.
        withheld: visible.withheld,
        categories: visible.carried,
        // A feed delivers each event as it was: a correction reaches the feed as an event of its own
        // (subject.corrected, …), which the recipient applies to what it received (AVG art. 19).
        corrected: false,
        correctedAt: null,
        withdrawn: false,
        withdrawnAt: null,
      },
      disclosure: disclosureOfVisible(row.activation_id, visible),
    });
  }
  const last = rows.at(-1);
  return { items, scanned: rows.length, lastSeq: last && Number(last.agency_seq) };
}

/** The position of the agency's newest feed row (0 for an empty feed): a subscription delivers what follows. */
export function feedEnd(db: EntityManager, agency: string): Promise<number> {
  return feedTable.end(db, agency);
}
