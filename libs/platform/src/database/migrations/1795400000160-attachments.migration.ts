import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * attachments and attachment_chunks (issue 16): the documents uploaded to keten (photos, the proces-verbaal
 * as PDF), stored in PostgreSQL by the default adapter of the attachment storage port. The bytes are kept as
 * bytea chunks written one short transaction at a time while the upload streams in, so no long transaction
 * holds back the event store's gap-safe horizon; an upload is RECEIVING until its last chunk is in, and
 * STORED after. Written by the api (the owner role); read by keten_api only under row-level security: a
 * stored attachment is readable by an agency exactly when its own timeline shows the document.attached
 * event with the attachment's id, which the one redaction leaves there only for an agency entitled to
 * every category the document carries.
 */
export class Attachments1795400000160 implements MigrationInterface {
  name = 'Attachments1795400000160';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE attachments (
        attachment_id  uuid        PRIMARY KEY,
        agency         text        NOT NULL,
        uploaded_by    text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('RECEIVING', 'STORED')),
        content_type   text,
        byte_length    bigint,
        sha256         text,
        activation_id  text,
        categories     text[]      NOT NULL DEFAULT '{}',
        received_at    timestamptz NOT NULL DEFAULT now(),
        attached_at    timestamptz
      )`);
    await db.query(
      `CREATE INDEX attachments_unattached ON attachments (received_at) WHERE attached_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE attachment_chunks (
        attachment_id  uuid    NOT NULL REFERENCES attachments (attachment_id) ON DELETE CASCADE,
        seq            integer NOT NULL,
        bytes          bytea   NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    await db.query(`ALTER TABLE attachments ENABLE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE attachment_chunks ENABLE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY attachments_entitled ON attachments FOR SELECT TO keten_api
      USING (state = 'STORED' AND attached_at IS NOT NULL
             AND current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM')
             AND EXISTS (SELECT 1 FROM rm_timeline t
                         WHERE t.agency = current_setting('keten.agency', true)
                           AND t.activation_id = attachments.activation_id
                           AND t.event_type = 'document.attached'
                           AND t.payload ->> 'attachmentId' = attachments.attachment_id::text))`);
    // The chunks of an attachment are readable exactly when the attachment is (its policy applies inside).
    await db.query(`
      CREATE POLICY attachment_chunks_entitled ON attachment_chunks FOR SELECT TO keten_api
      USING (EXISTS (SELECT 1 FROM attachments a WHERE a.attachment_id = attachment_chunks.attachment_id))`);
    await db.query(`GRANT SELECT ON attachments, attachment_chunks TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attachment_chunks`);
    await db.query(`DROP TABLE attachments`);
  }
}
