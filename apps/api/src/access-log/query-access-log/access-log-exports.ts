import type { Table } from '#documents';
import type { AccessLogRow } from '#read-models';

/**
 * What a data subject is told of the reads of their data (AVG art. 15: the recipients, the purposes, the
 * categories): per read, when, which agency and role, the processing activity, the categories and the
 * case. Not the individual user: the privacy officer finds who it was through the line's audit record.
 */
export function accessRequestTable(rows: readonly AccessLogRow[]): Table {
  return {
    name: 'Inzageverzoek',
    columns: [
      { key: 'recordedAt', header: 'Moment' },
      { key: 'agency', header: 'Organisatie' },
      { key: 'role', header: 'Rol' },
      { key: 'activity', header: 'Verwerkingsactiviteit' },
      { key: 'categories', header: 'Gegevenscategorieën' },
      { key: 'activationId', header: 'Activering' },
      { key: 'operation', header: 'Handeling' },
      { key: 'traceId', header: 'Trace' },
    ],
    rows: rows.map((row) => ({
      recordedAt: row.recorded_at.toISOString(),
      agency: row.agency,
      role: row.role,
      activity: row.activity_uri,
      categories: row.categories.join(' '),
      activationId: row.activation_id,
      operation: row.operation,
      traceId: row.trace_id,
    })),
  };
}

/**
 * A line as a record of Logboek Dataverwerkingen (the Logboek's interface: trace_id, span_id,
 * parent_span_id, name, start_time, end_time, status_code, resource, attributes), its attributes those of
 * the standard (`dpl.core.*`) and keten's own (`keten.*`). The user is not among them: the standard keeps
 * the user's identity in a separate record, which `keten.audit_id` links to.
 */
export function ldvRecordOf(row: AccessLogRow) {
  const at = row.recorded_at.toISOString();
  return {
    trace_id: row.trace_id,
    span_id: row.span_id,
    parent_span_id: row.parent_span_id,
    name: row.operation,
    start_time: at,
    end_time: at,
    status_code: row.status === 'OK' ? 'STATUS_CODE_OK' : 'STATUS_CODE_ERROR',
    resource: { name: 'keten', agency: row.agency },
    attributes: {
      'dpl.core.processing_activity_id': row.activity_uri,
      'dpl.core.data_subject_id': row.subject_ref,
      'dpl.core.data_subject_id_type': row.subject_type,
      'keten.activation_id': row.activation_id,
      'keten.categories': row.categories,
      'keten.audit_id': row.audit_id,
    },
  };
}
