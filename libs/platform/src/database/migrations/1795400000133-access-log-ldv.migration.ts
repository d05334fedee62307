import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log after Logboek Dataverwerkingen: each line (one data subject, one processing action) gains
 * its own W3C span (`span_id`, and the request's span as `parent_span_id`), the register URI of the
 * processing activity it served, its status, and a pseudonym with its type (`BSN`: a keyed hash of the
 * BSN, one person across cases; `CASE_SUBJECT`: of activation and subject id; `case_subject_ref` keeps the
 * latter beside a BSN pseudonym, so a subject stays findable within its case). Who read is no longer on
 * the line: it sits in access_log_audit, linked by `audit_id` (the standard's design decision to keep the
 * user's identity apart from the log).
 *
 * Old lines stay as they are (the table is append-only, and nothing here updates a row): their pseudonym
 * is the keyed hash of the subject id alone (`SUBJECT_ID`, set as the added column's value for existing
 * rows, then dropped as a default), their user on the line, their activity the purpose they recorded.
 */
export class AccessLogLdv1795400000133 implements MigrationInterface {
  name = 'AccessLogLdv1795400000133';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE access_log_audit (
        id              uuid        PRIMARY KEY,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        trace_id        text        NOT NULL CHECK (trace_id ~ '^[0-9a-f]{32}$'),
        span_id         text        NOT NULL CHECK (span_id ~ '^[0-9a-f]{16}$'),
        agency          text        NOT NULL,
        user_id         text        NOT NULL,
        role            text        NOT NULL,
        request_id      text,
        operation       text        NOT NULL
      )`);
    await db.query(`
      CREATE TRIGGER access_log_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log_audit
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
    await db.query(`ALTER TABLE access_log_audit ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY access_log_audit_insert ON access_log_audit FOR INSERT TO keten_api
       WITH CHECK (agency = current_setting('keten.agency', true))`,
    );
    await db.query(
      `CREATE POLICY access_log_audit_read ON access_log_audit FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER'
              AND agency = current_setting('keten.agency', true))`,
    );
    await db.query(`GRANT SELECT, INSERT ON access_log_audit TO keten_api`);

    await db.query(`
      ALTER TABLE access_log
        ADD COLUMN span_id          text CHECK (span_id ~ '^[0-9a-f]{16}$'),
        ADD COLUMN parent_span_id   text CHECK (parent_span_id ~ '^[0-9a-f]{16}$'),
        ADD COLUMN activity_uri     text,
        ADD COLUMN status           text NOT NULL DEFAULT 'OK',
        ADD COLUMN subject_type     text NOT NULL DEFAULT 'SUBJECT_ID',
        ADD COLUMN case_subject_ref text,
        ADD COLUMN audit_id         uuid REFERENCES access_log_audit (id),
        ALTER COLUMN user_id DROP NOT NULL,
        ALTER COLUMN role DROP NOT NULL`);
    await db.query(`ALTER TABLE access_log ALTER COLUMN subject_type DROP DEFAULT`);
    await db.query(`CREATE INDEX access_log_by_trace ON access_log (trace_id)`);
    await db.query(`CREATE INDEX access_log_by_activity ON access_log (activity_uri, recorded_at)`);
    await db.query(`CREATE INDEX access_log_by_case_subject ON access_log (case_subject_ref, recorded_at)`);
    await db.query(`CREATE INDEX access_log_by_audit ON access_log (audit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE access_log
        DROP COLUMN span_id, DROP COLUMN parent_span_id, DROP COLUMN activity_uri, DROP COLUMN status,
        DROP COLUMN subject_type, DROP COLUMN case_subject_ref, DROP COLUMN audit_id`);
    await db.query(`DROP TABLE access_log_audit`);
  }
}
