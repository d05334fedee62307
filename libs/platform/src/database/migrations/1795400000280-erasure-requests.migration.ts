import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The erasure requests as the privacy officers decide them (issue 19): one row per request, projected from
 * its stream (erasure-<id>). It holds what the request says about itself (scope, ground, reason, who asked
 * and decided, when), never whom it erases: no BSN, no pseudonym. Every privacy officer of keten reads
 * every row, the activation of a case-subject request only when of the requester's own agency (the table
 * module's query); no other role reads it. Only the projector writes.
 */
export class ErasureRequests1795400000280 implements MigrationInterface {
  name = 'ErasureRequests1795400000280';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE erasure_requests (
        erasure_id        text        PRIMARY KEY,
        scope             text        NOT NULL CHECK (scope IN ('PERSON', 'CASE_SUBJECT')),
        activation_id     text,
        ground            text        NOT NULL,
        reason            text        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED')),
        requested_by      text        NOT NULL,
        requester_agency  text        NOT NULL,
        requested_at      timestamptz NOT NULL,
        decided_by        text,
        decider_agency    text,
        decided_at        timestamptz,
        decision_reason   text,
        stream_version    integer     NOT NULL
      )`);
    await db.query(`CREATE INDEX erasure_requests_by_status ON erasure_requests (status, requested_at)`);
    await db.query(`ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY erasure_requests_read ON erasure_requests FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER')`,
    );
    await db.query(`GRANT SELECT ON erasure_requests TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE erasure_requests`);
  }
}
