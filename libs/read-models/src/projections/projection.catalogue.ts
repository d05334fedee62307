/**
 * Every projection of the events, by name and version. The name is its subscription's checkpoint; the
 * version is bumped whenever its rules change what it writes, and a database holding another version is
 * brought up to date when the worker starts (projection-upgrade.ts) — no hand-written migration that
 * empties tables. The catalogue is what the worker's /health/projections and metrics show.
 */
export interface ProjectionDefinition {
  readonly name: string;
  readonly version: number;
  readonly description: string;
  /** The tables it alone writes. */
  readonly tables: readonly string[];
  /**
   * What a new version does to what was written under the old one: `rebuild` (derived data: emptied and
   * projected again from the first event) or `continue` (what was delivered stays delivered; the new rules
   * apply from the next event on).
   */
  readonly onNewVersion: 'rebuild' | 'continue';
}

/** The per-agency read models the api queries: lists, timelines, statistics, and the agreements they follow. */
export const READ_MODELS: ProjectionDefinition = {
  name: 'read-models',
  // 2: free text classified by what it says, findings of their own category, references as sensitive as
  // what they point to, regional coordination by the safety region (issue 12).
  // 3: an agency that left keeps its own contributions; the lead can be transferred; titles, case numbers
  // and the inbox (issue 15).
  // 4: a list row's withheld covers every event of the activation the agency sees, not only the opening.
  // 5: corrections (AVG art. 16): corrected entries show the corrected value and are marked; the list
  // row shows the corrected location and employer; a corrected region moves the case (issue 15).
  // 6: the national team (LOTC) holds every activation as its agreements allow, for the figures (issue 16).
  version: 6,
  description: 'per-agency activation lists, timelines, inboxes and statistics',
  tables: ['rm_timeline', 'rm_activations', 'rm_activation_facts', 'rm_agreements', 'rm_inbox'],
  onNewVersion: 'rebuild',
};

/**
 * The agency feeds (GraphQL feed, subscriptions, Kafka): append-only, never rebuilt; an erasure alone
 * rewrites, in place, the payloads that showed what it erased.
 */
export const AGENCY_FEEDS: ProjectionDefinition = {
  name: 'agency-feeds',
  // 2: the rules of read-models 2, from the next event on.
  // 3: corrections and erasures reach former recipients of the data; an erasure rewrites the activation's
  // rows without the erased values (issue 19, AVG art. 19).
  version: 3,
  description: 'per-agency feeds as delivered (GraphQL feed, subscriptions and Kafka)',
  tables: ['rm_feed', 'feed_activation_facts', 'feed_agreements'],
  onNewVersion: 'continue',
};

/**
 * The erasure requests as the privacy officers decide them (issue 19): derived from the erasure streams
 * alone, so a new version rebuilds.
 */
export const ERASURE_REQUESTS: ProjectionDefinition = {
  name: 'erasure-requests',
  version: 1,
  description: 'the erasure requests awaiting or given a decision, for privacy officers',
  tables: ['erasure_requests'],
  onNewVersion: 'rebuild',
};

export const PROJECTIONS: readonly ProjectionDefinition[] = [READ_MODELS, AGENCY_FEEDS, ERASURE_REQUESTS];
