import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { instantKey, SqlParams } from '../sql/sql-params.js';
import type { SubjectIdType } from '#events';

/**
 * access_log: the Logboek Dataverwerkingen of keten. One line per data subject per activation per
 * processing action (a read, a Kafka delivery) that disclosed personal, health or criminal data: its W3C
 * trace and span, the register URI of the processing activity it served, the subject's pseudonym and its
 * type, the status. Who acted sits apart, in access_log_audit (one record per processing action, linked
 * from its lines by `audit_id`). Both tables are append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE) and have no delete path. The api writes them in the read's own transaction, as keten_api, in
 * its own agency's name only (row-level security); the agency's privacy officer reads them.
 *
 * Lines from before (migration 1795400000133) have no span, no audit record (their user is on the line),
 * their activity as the purpose they recorded (answered as version 1 of its register entry) and the
 * pseudonym type SUBJECT_ID.
 */

/** One line: one data subject in one activation. */
export interface AccessLogLine {
  readonly activationId: string;
  readonly categories: readonly string[];
  readonly subjectRef: string;
  readonly subjectType: SubjectIdType;
  /** The pseudonym of activation and subject id, also for a line pseudonymised by BSN; null if unnamed. */
  readonly caseSubjectRef: string | null;
}

/** What one processing action writes: its audit record and a line per subject and activation. */
export interface AccessLogRecord {
  readonly traceId: string;
  /** This action's own span (16 hex). */
  readonly spanId: string;
  /** The span it runs in (the request's), if any. */
  readonly parentSpanId: string | null;
  /** `urn:keten:processing-activity:<id>:<version>`. */
  readonly activityUri: string;
  readonly status: 'OK' | 'ERROR';
  readonly agency: string;
  readonly purpose: string;
  readonly operation: string;
  readonly audit: {
    readonly userId: string;
    readonly role: string;
    readonly requestId: string | null | undefined;
  };
  readonly lines: readonly AccessLogLine[];
}

export interface AccessLogRow {
  id: string;
  recorded_at: Date;
  trace_id: string;
  span_id: string | null;
  parent_span_id: string | null;
  request_id: string | null;
  user_id: string;
  agency: string;
  role: string;
  purpose: string;
  activity_uri: string;
  status: string;
  operation: string;
  activation_id: string;
  categories: string[];
  subject_ref: string;
  subject_type: string;
  audit_id: string | null;
  recorded_key: string;
}

export interface AccessLogQuery {
  /** Lines with any of these pseudonyms. */
  readonly subjectRefs?: readonly string[];
  /**
   * A subject within a case: lines of that activation with its case pseudonym, or (old lines) the
   * pseudonym of its subject id alone.
   */
  readonly caseSubject?: {
    readonly activationId: string;
    readonly caseRef: string;
    readonly legacyRef: string;
  };
  readonly activationId?: string;
  readonly traceId?: string;
  /** A register id (case-coordination: any version) or a URI (one version). */
  readonly activity?: string;
  readonly userId?: string;
  readonly agency?: string;
  readonly from?: string;
  readonly to?: string;
  /** The sort key of the last row of the previous page: recorded_key and id. */
  readonly after?: readonly [string, number];
  readonly limit: number;
}

/** The activity of a line: its URI, or for an old line the register entry its purpose names, version 1. */
const ACTIVITY = `COALESCE(l.activity_uri,
  'urn:keten:processing-activity:' || lower(replace(l.purpose, '_', '-')) || ':1')`;

export const accessLogTable = {
  async record(db: EntityManager, record: AccessLogRecord): Promise<void> {
    if (record.lines.length === 0) return;
    const auditId = randomUUID();
    await db.query(
      `INSERT INTO access_log_audit (id, trace_id, span_id, agency, user_id, role, request_id, operation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        auditId,
        record.traceId,
        record.spanId,
        record.agency,
        record.audit.userId,
        record.audit.role,
        record.audit.requestId ?? null,
        record.operation,
      ],
    );
    await db.query(
      `INSERT INTO access_log (trace_id, span_id, parent_span_id, activity_uri, status, agency, purpose,
         operation, audit_id, activation_id, categories, subject_ref, subject_type, case_subject_ref)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, line.activation_id,
              ARRAY(SELECT jsonb_array_elements_text(line.categories)), line.subject_ref, line.subject_type,
              line.case_subject_ref
       FROM unnest($10::text[], $11::jsonb[], $12::text[], $13::text[], $14::text[])
            AS line(activation_id, categories, subject_ref, subject_type, case_subject_ref)`,
      [
        record.traceId,
        record.spanId,
        record.parentSpanId,
        record.activityUri,
        record.status,
        record.agency,
        record.purpose,
        record.operation,
        auditId,
        record.lines.map((line) => line.activationId),
        record.lines.map((line) => JSON.stringify(line.categories)),
        record.lines.map((line) => line.subjectRef),
        record.lines.map((line) => line.subjectType),
        record.lines.map((line) => line.caseSubjectRef),
      ],
    );
  },

  /** Newest first (recorded at, then id, descending). */
  page(db: EntityManager, query: AccessLogQuery): Promise<AccessLogRow[]> {
    const params = new SqlParams();
    const subject = query.caseSubject;
    const conditions = [
      ...params.when(query.subjectRefs, (p) => `l.subject_ref = ANY(${p}::text[])`),
      ...(subject
        ? [
            `(l.activation_id = ${params.add(subject.activationId)} AND (l.case_subject_ref = ${params.add(subject.caseRef)}
              OR (l.subject_type = 'SUBJECT_ID' AND l.subject_ref = ${params.add(subject.legacyRef)})))`,
          ]
        : []),
      ...params.when(query.activationId, (p) => `l.activation_id = ${p}`),
      ...params.when(query.traceId, (p) => `l.trace_id = ${p}`),
      ...params.when(query.activity, (p) =>
        query.activity!.startsWith('urn:') ? `${ACTIVITY} = ${p}` : `split_part(${ACTIVITY}, ':', 4) = ${p}`,
      ),
      ...params.when(query.userId, (p) => `COALESCE(a.user_id, l.user_id) = ${p}`),
      ...params.when(query.agency, (p) => `l.agency = ${p}`),
      ...params.when(query.from, (p) => `l.recorded_at >= ${p}::timestamptz`),
      ...params.when(query.to, (p) => `l.recorded_at < ${p}::timestamptz`),
      ...(query.after
        ? [
            `(l.recorded_at, l.id) < (${params.add(query.after[0])}::timestamptz, ${params.add(query.after[1])}::bigint)`,
          ]
        : []),
    ];
    return db.query(
      `SELECT l.id, l.recorded_at, l.trace_id, l.span_id, l.parent_span_id,
              COALESCE(a.request_id, l.request_id) AS request_id, COALESCE(a.user_id, l.user_id) AS user_id,
              l.agency, COALESCE(a.role, l.role) AS role, l.purpose, ${ACTIVITY} AS activity_uri, l.status,
              l.operation, l.activation_id, l.categories, l.subject_ref,
              CASE WHEN l.subject_ref = 'unnamed' THEN 'UNNAMED' ELSE l.subject_type END AS subject_type,
              l.audit_id, ${instantKey('l.recorded_at')} AS recorded_key
       FROM access_log l LEFT JOIN access_log_audit a ON a.id = l.audit_id
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY l.recorded_at DESC, l.id DESC LIMIT ${params.add(query.limit)}`,
      params.values,
    );
  },
};
