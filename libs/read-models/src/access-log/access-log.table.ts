import { EntityManager } from 'typeorm';
import { instantKey, SqlParams } from '../sql/sql-params.js';

/**
 * access_log: who read personal, health or criminal data, when and why; one line per data subject per
 * activation per read. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). The api writes it in
 * the read's own transaction, as keten_api, in its own agency's name only (row-level security); the
 * privacy officer reads it.
 */

/** What one read writes: its request, and a line per subject and activation. */
export interface AccessLogRecord {
  readonly traceId: string;
  readonly requestId: string | null | undefined;
  readonly userId: string;
  readonly agency: string;
  readonly role: string;
  readonly purpose: string;
  readonly operation: string;
  readonly lines: readonly {
    readonly activationId: string;
    readonly categories: readonly string[];
    readonly subjectRef: string;
  }[];
}

export interface AccessLogRow {
  id: string;
  recorded_at: Date;
  trace_id: string;
  request_id: string | null;
  user_id: string;
  agency: string;
  role: string;
  purpose: string;
  operation: string;
  activation_id: string;
  categories: string[];
  subject_ref: string;
  recorded_key: string;
}

export interface AccessLogQuery {
  readonly subjectRef?: string;
  readonly activationId?: string;
  readonly userId?: string;
  readonly agency?: string;
  readonly from?: string;
  readonly to?: string;
  /** The sort key of the last row of the previous page: recorded_key and id. */
  readonly after?: readonly [string, number];
  readonly limit: number;
}

export const accessLogTable = {
  async record(db: EntityManager, record: AccessLogRecord): Promise<void> {
    if (record.lines.length === 0) return;
    await db.query(
      `INSERT INTO access_log (trace_id, request_id, user_id, agency, role, purpose, operation, activation_id,
         categories, subject_ref)
       SELECT $1, $2, $3, $4, $5, $6, $7, line.activation_id, ARRAY(SELECT jsonb_array_elements_text(line.categories)),
              line.subject_ref
       FROM unnest($8::text[], $9::jsonb[], $10::text[]) AS line(activation_id, categories, subject_ref)`,
      [
        record.traceId,
        record.requestId ?? null,
        record.userId,
        record.agency,
        record.role,
        record.purpose,
        record.operation,
        record.lines.map((line) => line.activationId),
        record.lines.map((line) => JSON.stringify(line.categories)),
        record.lines.map((line) => line.subjectRef),
      ],
    );
  },

  /** Newest first (recorded at, then id, descending). */
  page(db: EntityManager, query: AccessLogQuery): Promise<AccessLogRow[]> {
    const params = new SqlParams();
    const conditions = [
      ...params.when(query.subjectRef, (p) => `subject_ref = ${p}`),
      ...params.when(query.activationId, (p) => `activation_id = ${p}`),
      ...params.when(query.userId, (p) => `user_id = ${p}`),
      ...params.when(query.agency, (p) => `agency = ${p}`),
      ...params.when(query.from, (p) => `recorded_at >= ${p}::timestamptz`),
      ...params.when(query.to, (p) => `recorded_at < ${p}::timestamptz`),
      ...(query.after
        ? [
            `(recorded_at, id) < (${params.add(query.after[0])}::timestamptz, ${params.add(query.after[1])}::bigint)`,
          ]
        : []),
    ];
    return db.query(
      `SELECT id, recorded_at, trace_id, request_id, user_id, agency, role, purpose, operation, activation_id,
              categories, subject_ref, ${instantKey('recorded_at')} AS recorded_key
       FROM access_log ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY recorded_at DESC, id DESC LIMIT ${params.add(query.limit)}`,
      params.values,
    );
  },
};
