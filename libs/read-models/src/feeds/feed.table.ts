import { EntityManager } from 'typeorm';
import { DataCategory } from '#domain';
import { StoredEvent } from '#events';

/**
 * rm_feed: each agency's feed, an append-only log of every event the agency was entitled to when it
 * happened, redacted with the agreements in force then. feed_seq is written by one serialised
 * subscription, so it commits in order: the GraphQL feed's cursor and the Kafka relay's checkpoint.
 * Appending notifies FEED_CHANNEL (`{"agencies": [...]}`) in the same transaction, so the api's live feeds
 * wake when the rows are there.
 */
export const FEED_CHANNEL = 'keten_feed';

/** What the feed projector appends for one agency. */
export interface FeedAppend {
  agency: string;
  event: StoredEvent;
  activationId: string;
  /** The activation's safety region, so region-scoped agreements apply at delivery without a lookup. */
  region: string;
  payload: unknown;
  withheld: DataCategory[];
  carried: DataCategory[];
}

/**
 * A feed row as it is read back; `seq` is feed_seq (a bigint, so text from node-postgres), the order of all
 * agencies' rows together, internal; `agency_seq` the row's place in its own agency's feed, which cursors
 * and Kafka's `sequence` carry.
 */
export interface FeedRow {
  seq: string;
  agency_seq: string;
  agency: string;
  event_id: string;
  activation_id: string;
  region: string | null;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_at: Date;
  /** When the event store recorded the event (the CloudEvents `time` of the feed message). */
  recorded_at: Date;
  acting_agency: string;
  payload: unknown;
  withheld: DataCategory[];
  carried: DataCategory[];
  fed_at: Date;
}

/** A feed row's payload as an erasure leaves it, at the schema version the store reads it at now. */
export interface FeedRewrite {
  readonly seq: string;
  readonly payload: unknown;
  readonly schemaVersion: number;
}

/** Which rows to read: those after a position in the agency's feed (agency_seq), optionally of one activation. */
export interface FeedRange {
  readonly after: number;
  readonly limit: number;
  readonly activationId?: string;
}

/**
 * That an agency's feed received an event: when, and which categories its row carried. No payload: what
 * was delivered is told, not repeated.
 */
export interface FeedDelivery {
  agency: string;
  event_id: string;
  activation_id: string;
  event_type: string;
  carried: DataCategory[];
  fed_at: Date;
}

const COLUMNS = `feed_seq::text AS seq, agency_seq::text AS agency_seq, agency, event_id, activation_id, region, stream_version, event_type,
  schema_version, occurred_at, recorded_at, acting_agency, payload, withheld, carried, fed_at`;

export const feedTable = {
  /**
   * Appends in order, numbering each agency's new rows after its last; an agency that left and joined
   * again gets only what it never had. The feed has one writer at a time (its subscription's checkpoint
   * lock), so the numbers have no gaps and no twins.
   */
  async append(tx: EntityManager, rows: readonly FeedAppend[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::smallint[],
                              $8::timestamptz[], $9::timestamptz[], $10::text[], $11::jsonb[], $12::jsonb[], $13::jsonb[])
           WITH ORDINALITY AS f(agency, event_id, activation_id, region, stream_version, event_type, schema_version,
                                occurred_at, recorded_at, acting_agency, payload, withheld, carried, ord)
       ),
       fresh AS (
         SELECT DISTINCT ON (i.agency, i.event_id) i.* FROM input i
         WHERE NOT EXISTS (SELECT 1 FROM rm_feed r WHERE r.agency = i.agency AND r.event_id = i.event_id)
         ORDER BY i.agency, i.event_id, i.ord
       ),
       numbered AS (
         SELECT fresh.*,
                coalesce((SELECT max(r.agency_seq) FROM rm_feed r WHERE r.agency = fresh.agency), 0)
                  + row_number() OVER (PARTITION BY fresh.agency ORDER BY fresh.ord) AS agency_seq
         FROM fresh
       )
       INSERT INTO rm_feed (agency, agency_seq, event_id, activation_id, region, stream_version, event_type,
         schema_version, occurred_at, recorded_at, acting_agency, payload, withheld, carried)
       SELECT n.agency, n.agency_seq, n.event_id, n.activation_id, n.region, n.stream_version, n.event_type,
              n.schema_version, n.occurred_at, n.recorded_at, n.acting_agency, n.payload,
              ARRAY(SELECT jsonb_array_elements_text(n.withheld)), ARRAY(SELECT jsonb_array_elements_text(n.carried))
       FROM numbered n
       ORDER BY n.ord`,
      [
        rows.map((r) => r.agency),
        rows.map((r) => r.event.eventId),
        rows.map((r) => r.activationId),
        rows.map((r) => r.region),
        rows.map((r) => r.event.streamVersion),
        rows.map((r) => r.event.type),
        rows.map((r) => r.event.schemaVersion),
        rows.map((r) => r.event.occurredAt),
        rows.map((r) => r.event.recordedAt),
        rows.map((r) => r.event.metadata.actor.agency),
        rows.map((r) => JSON.stringify(r.payload)),
        rows.map((r) => JSON.stringify(r.withheld)),
        rows.map((r) => JSON.stringify(r.carried)),
      ],
    );
    const agencies = [...new Set(rows.map((r) => r.agency))];
    await tx.query(`SELECT pg_notify($1, $2)`, [FEED_CHANNEL, JSON.stringify({ agencies })]);
  },

  /** The agency's rows after a position, in feed order (the api reads them under row-level security). */
  page(db: EntityManager, agency: string, range: FeedRange): Promise<FeedRow[]> {
    // By the bigint column, not the text alias of the same name: that would put 10 before 9.
    return db.query(
      `SELECT ${COLUMNS} FROM rm_feed
       WHERE agency = $1 AND rm_feed.agency_seq > $2 AND ($3::text IS NULL OR activation_id = $3)
       ORDER BY rm_feed.agency_seq LIMIT $4`,
      [agency, range.after, range.activationId ?? null, range.limit],
    );
  },

  /** The position of the agency's newest row (0 for an empty feed): a subscription delivers what follows. */
  async end(db: EntityManager, agency: string): Promise<number> {
    const [{ end }] = await db.query(
      `SELECT COALESCE(max(agency_seq), 0)::text AS end FROM rm_feed WHERE agency = $1`,
      [agency],
    );
    return Number(end);
  },

  /**
   * The agency's position at or before an old, all-agency feed position (feed_seq), for cursors handed
   * out before feeds had their own sequence: a client resumes where it was.
   */
  async positionAtFeedSeq(db: EntityManager, agency: string, feedSeq: number): Promise<number> {
    const [row] = await db.query(
      `SELECT agency_seq::text AS position FROM rm_feed WHERE agency = $1 AND feed_seq <= $2
       ORDER BY feed_seq DESC LIMIT 1`,
      [agency, feedSeq],
    );
    return Number(row?.position ?? 0);
  },

  /** Every agency's rows after a position, in feed order: what the Kafka relay publishes next. */
  after(db: EntityManager, position: number, limit: number): Promise<FeedRow[]> {
    // Sorted by the bigint column: sorting by its text would put 10 before 9.
    return db.query(`SELECT ${COLUMNS} FROM rm_feed WHERE feed_seq > $1 ORDER BY rm_feed.feed_seq LIMIT $2`, [
      position,
      limit,
    ]);
  },

  /** The rows at these feed positions, in feed order (the relay replaying dead letters). */
  at(db: EntityManager, positions: readonly (number | string)[]): Promise<FeedRow[]> {
    if (positions.length === 0) return Promise.resolve([]);
    return db.query(`SELECT ${COLUMNS} FROM rm_feed WHERE feed_seq = ANY($1::bigint[]) ORDER BY feed_seq`, [
      positions,
    ]);
  },

  /**
   * Every agency's rows of one activation, in feed order: what the feed side holds of it, for the erasure
   * rewrite and for telling former recipients of a correction or an erasure (AVG art. 19).
   */
  ofActivation(tx: EntityManager, activationId: string): Promise<FeedRow[]> {
    return tx.query(`SELECT ${COLUMNS} FROM rm_feed WHERE activation_id = $1 ORDER BY rm_feed.feed_seq`, [
      activationId,
    ]);
  },

  /**
   * Rewrites the payloads of these rows after an erasure, the only change rm_feed allows: the setting the
   * append-only trigger asks for holds for this statement only (set and cleared in the caller's
   * transaction), and the trigger refuses any change but the payload and its schema version. Position,
   * ids, sequence, categories and times stay, so every cursor handed out still points where it did.
   */
  async rewrite(tx: EntityManager, rewrites: readonly FeedRewrite[]): Promise<void> {
    if (rewrites.length === 0) return;
    await tx.query(`SELECT set_config('keten.feed_rewrite', 'erasure', true)`);
    await tx.query(
      `UPDATE rm_feed f SET payload = r.payload, schema_version = r.schema_version
       FROM unnest($1::bigint[], $2::jsonb[], $3::smallint[]) AS r(feed_seq, payload, schema_version)
       WHERE f.feed_seq = r.feed_seq`,
      [
        rewrites.map((r) => r.seq),
        rewrites.map((r) => JSON.stringify(r.payload)),
        rewrites.map((r) => r.schemaVersion),
      ],
    );
    await tx.query(`SELECT set_config('keten.feed_rewrite', '', true)`);
  },

  /** How many rows lie after a position, and how long the oldest of them has waited: the relay's lag. */
  async backlog(
    db: EntityManager,
    position: number,
  ): Promise<{ behind: number; oldestWaitingSeconds: number }> {
    const [row] = await db.query(
      `SELECT count(*)::int AS behind,
              coalesce(extract(epoch FROM clock_timestamp() - min(fed_at)), 0)::float AS oldest
       FROM rm_feed WHERE feed_seq > $1`,
      [position],
    );
    return { behind: row.behind, oldestWaitingSeconds: row.oldest };
  },

  /**
   * For a data subject's access request: every agency's receipt of these events, in feed order, but only
   * of events in the reading agency's rows of the activations the request covers
   * (access_request_deliveries(), migration 1795400000265; other ids answer nothing).
   */
  accessRequestDeliveries(db: EntityManager, eventIds: readonly string[]): Promise<FeedDelivery[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT agency, event_id, activation_id, event_type, carried, fed_at
       FROM access_request_deliveries($1::uuid[])`,
      [eventIds],
    );
  },
};
