import type { EntityManager } from 'typeorm';

/** A feed entry the broker refused for good, set aside so that the feed behind it goes on. */
export interface DeadLetter {
  feedSeq: string;
  agency: string;
  eventId: string;
  topic: string;
  /** The broker's error code, e.g. MESSAGE_TOO_LARGE. */
  reason: string;
  /** The broker's sentence, e.g. "The request included a message larger than the max message size the server will accept". */
  detail: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

export type NewDeadLetter = Pick<
  DeadLetter,
  'feedSeq' | 'agency' | 'eventId' | 'topic' | 'reason' | 'detail'
>;

export interface DeadLetterSummary {
  /** Dead letters not (successfully) replayed yet. */
  pending: number;
  /** The most recent of those, newest first. */
  latest: DeadLetter[];
}

interface DeadLetterRow {
  feed_seq: string;
  agency: string;
  event_id: string;
  topic: string;
  reason: string;
  detail: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
}

const COLUMNS = `feed_seq::text AS feed_seq, agency, event_id, topic, reason, detail, attempts,
  first_failed_at, last_failed_at`;

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    feedSeq: row.feed_seq,
    agency: row.agency,
    eventId: row.event_id,
    topic: row.topic,
    reason: row.reason,
    detail: row.detail,
    attempts: row.attempts,
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
  };
}

/** relay_dead_letters: the only module that reads or writes it. */
export const deadLetters = {
  /** Sets entries aside; an entry refused again (a replay, a republish) counts one attempt more. */
  async record(db: EntityManager, letters: readonly NewDeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await db.query(
      `INSERT INTO relay_dead_letters (feed_seq, agency, event_id, topic, reason, detail)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (feed_seq) DO UPDATE
         SET reason = excluded.reason, detail = excluded.detail, topic = excluded.topic,
             attempts = relay_dead_letters.attempts + 1, last_failed_at = clock_timestamp(), replayed_at = NULL`,
      [
        letters.map((l) => l.feedSeq),
        letters.map((l) => l.agency),
        letters.map((l) => l.eventId),
        letters.map((l) => l.topic),
        letters.map((l) => l.reason),
        letters.map((l) => l.detail),
      ],
    );
  },

  async pending(db: EntityManager, limit = 10_000): Promise<DeadLetter[]> {
    const rows: DeadLetterRow[] = await db.query(
      `SELECT ${COLUMNS} FROM relay_dead_letters WHERE replayed_at IS NULL ORDER BY feed_seq LIMIT $1`,
      [limit],
    );
    return rows.map(toDeadLetter);
  },

  async markReplayed(db: EntityManager, feedSeqs: readonly string[]): Promise<void> {
    if (feedSeqs.length === 0) return;
    await db.query(
      `UPDATE relay_dead_letters SET replayed_at = clock_timestamp()
       WHERE feed_seq = ANY($1::bigint[]) AND replayed_at IS NULL`,
      [feedSeqs],
    );
  },

  async summary(db: EntityManager, latest = 5): Promise<DeadLetterSummary> {
    const [{ pending }] = await db.query(
      `SELECT count(*)::int AS pending FROM relay_dead_letters WHERE replayed_at IS NULL`,
    );
    const rows: DeadLetterRow[] = await db.query(
      `SELECT ${COLUMNS} FROM relay_dead_letters WHERE replayed_at IS NULL
       ORDER BY last_failed_at DESC, feed_seq DESC LIMIT $1`,
      [latest],
    );
    return { pending, latest: rows.map(toDeadLetter) };
  },
};
