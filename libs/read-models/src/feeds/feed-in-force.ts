import { EntityManager } from 'typeorm';
import { DEFAULT_PROCESSING_ACTIVITY } from '#domain';
import { redactStored, VisibleEvent } from '#events';
import { AgreementGrants } from '../agreements/agreement-grants.js';
import type { FeedRow } from './feed.table.js';

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
 */
export async function feedRowsInForce(
  db: EntityManager,
  rows: readonly FeedRow[],
  clock: () => Date = () => new Date(),
  /**
   * The processing activity the delivery serves, or the one each agency's deliveries serve: only agreements
   * serving it count. A GraphQL read serves the activity its x-purpose declares; the Kafka relay the one
   * configured for the agency's feed (case coordination by default).
   */
  activity: string | ((agency: string) => string) = DEFAULT_PROCESSING_ACTIVITY,
): Promise<FeedRowInForce[]> {
  if (rows.length === 0) return [];
  const grants = new AgreementGrants(db, clock, 'feed_agreements');
  const shown: FeedRowInForce[] = [];
  for (const row of rows) {
    const visible = redactStored(
      { type: row.event_type, schemaVersion: row.schema_version, data: row.payload, withheld: row.withheld },
      await grants.categoriesFor(
        row.agency,
        row.region ?? '',
        typeof activity === 'string' ? activity : activity(row.agency),
      ),
    );
    if (visible) shown.push({ row, visible });
  }
  return shown;
}
