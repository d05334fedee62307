import { EntityManager } from 'typeorm';
import { DataCategory, DEFAULT_PROCESSING_ACTIVITY } from '#domain';
import { EventStore, redactStored, SEALED_CATEGORIES, VisibleEvent } from '#events';
import { AgreementGrants } from '../agreements/agreement-grants.js';
import { erasureRewrites, holdsErasedValues } from './feed-erasure.js';
import type { FeedRewrite, FeedRow } from './feed.table.js';

/** A feed row as its agency may see it now. */
export interface FeedRowInForce {
  readonly row: FeedRow;
  readonly visible: VisibleEvent & { schemaVersion: number };
}

/**
 * The one rule for delivering a feed row, on every channel (the feed query, both subscriptions, the Kafka
 * relay): redacted again, by the one redaction function, with the categories the row's agency holds now
 * (its agreements in force in the row's region), after lifting it to the current schema. The agreements
 * are the feed projector's copy (feed_agreements): as new as the newest row, so a row is never judged by
 * agreements older than those it was fed under, and a revocation counts for every row delivered after it. A
 * row was redacted with the agreements of the moment it was fed; redacting again can only withhold more,
 * so a revoked category stops at once, and a row whose primary category the agency no longer holds is not
 * delivered at all. What was withheld when the row was fed stays withheld. A row fed before rows carried
 * their region counts for no region-limited agreement.
 *
 * An erasure deletes the keys first and the feed projector rewrites the rows only when it projects
 * `personal-data.erased` after (seconds, longer when the worker stops or lags in between). So a row that
 * shows a sealed category (PERSONAL, HEALTH, CRIMINAL) is delivered as the store reads its event now, as
 * that rewrite would make it (erasureRewrites, the same rule): a value whose key is gone is the marker from
 * the moment the key is gone, and the answer is the one the row gives once rewritten, so nobody can tell
 * the two apart. Those rows' events are read in one query per call (`store`); a call whose rows show no
 * sealed category reads nothing more. Which rows are delivered, their places and their order never change.
 */
export async function feedRowsInForce(
  db: EntityManager,
  /** The event store as every process runs it (sealed values opened through the vault). */
  store: EventStore,
  rows: readonly FeedRow[],
  /**
   * The processing activity the delivery serves, or the one each agency's deliveries serve: only agreements
   * serving it count. A GraphQL read serves the activity its x-purpose declares; the Kafka relay the one
   * configured for the agency's feed (case coordination by default).
   */
  activity: string | ((agency: string) => string) = DEFAULT_PROCESSING_ACTIVITY,
  clock: () => Date = () => new Date(),
): Promise<FeedRowInForce[]> {
  if (rows.length === 0) return [];
  const grants = new AgreementGrants(db, clock, 'feed_agreements');
  const inForce: { row: FeedRow; granted: ReadonlySet<DataCategory>; visible: FeedRowInForce['visible'] }[] =
    [];
  for (const row of rows) {
    const granted = await grants.categoriesFor(
      row.agency,
      row.region ?? '',
      typeof activity === 'string' ? activity : activity(row.agency),
    );
    const visible = redactStored(
      { type: row.event_type, schemaVersion: row.schema_version, data: row.payload, withheld: row.withheld },
      granted,
    );
    if (visible) inForce.push({ row, granted, visible });
  }
  const erased = await erasedSinceFed(
    store,
    // Redacting again only withholds more: a row whose delivery shows no sealed category needs no read.
    inForce.filter(({ visible }) => showsSealed(visible)).map(({ row }) => row),
  );
  const shown: FeedRowInForce[] = [];
  for (const { row, granted, visible } of inForce) {
    const rewrite = erased.get(row.seq);
    if (!rewrite) {
      shown.push({ row, visible });
      continue;
    }
    const now = redactStored(
      {
        type: row.event_type,
        schemaVersion: rewrite.schemaVersion,
        data: rewrite.payload,
        withheld: row.withheld,
      },
      granted,
    );
    if (now) shown.push({ row, visible: now });
  }
  return shown;
}

/**
 * The rewrites an erasure's rewrite would make of these rows, by feed_seq: only of rows whose event holds
 * a value whose key is gone, as erasureRewrites makes them (a row already rewritten gets none).
 */
async function erasedSinceFed(
  store: EventStore,
  rows: readonly FeedRow[],
): Promise<Map<string, FeedRewrite>> {
  if (rows.length === 0) return new Map();
  const events = await store.readEvents(rows.map((row) => row.event_id));
  // An event without a marker lost no key: its rows stay as they were fed (whatever else erasureRewrites
  // would say of them, it says only when an erasure makes the projector rewrite the activation).
  const touched = events.filter((event) => holdsErasedValues(event.data));
  if (touched.length === 0) return new Map();
  return new Map(erasureRewrites(rows, touched).rewrites.map((rewrite) => [rewrite.seq, rewrite]));
}

function showsSealed({
  carried,
  withheld,
}: {
  carried: readonly DataCategory[];
  withheld: readonly DataCategory[];
}) {
  return carried.some((category) => SEALED_CATEGORIES.has(category) && !withheld.includes(category));
}
