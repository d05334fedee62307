import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents destroyed with their activation's personal data (issue 19): an attachment may be DESTROYED,
 * its bytes gone, the row kept as the record of the destruction (when, by which erasure) without the size
 * and hash that would identify the content. The read policy lets a destroyed attachment through to
 * exactly whom a stored one would be, so the api can tell them it was destroyed and everyone else gets
 * what an unknown id gets.
 */
export class DestroyedAttachments1795400000266 implements MigrationInterface {
  name = 'DestroyedAttachments1795400000266';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE attachments
        ADD COLUMN destroyed_at timestamptz,
        ADD COLUMN erasure_id   text,
        DROP CONSTRAINT attachments_state_check,
        ADD CONSTRAINT attachments_state_check CHECK (state IN ('RECEIVING', 'STORED', 'DESTROYED')),
        ADD CONSTRAINT attachments_destroyed_record CHECK (
          (state = 'DESTROYED') = (destroyed_at IS NOT NULL)
          AND (state <> 'DESTROYED' OR (byte_length IS NULL AND sha256 IS NULL AND erasure_id IS NOT NULL)))`);
    await db.query(
      `CREATE INDEX attachments_of_activation ON attachments (activation_id) WHERE activation_id IS NOT NULL`,
    );
    await db.query(`DROP POLICY attachments_entitled ON attachments`);
    await db.query(`
      CREATE POLICY attachments_entitled ON attachments FOR SELECT TO keten_api
      USING (state IN ('STORED', 'DESTROYED') AND attached_at IS NOT NULL
             AND current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM')
             AND EXISTS (SELECT 1 FROM rm_timeline t
                         WHERE t.agency = current_setting('keten.agency', true)
                           AND t.activation_id = attachments.activation_id
                           AND t.event_type = 'document.attached'
                           AND t.payload ->> 'attachmentId' = attachments.attachment_id::text))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY attachments_entitled ON attachments`);
    await db.query(`
      CREATE POLICY attachments_entitled ON attachments FOR SELECT TO keten_api
      USING (state = 'STORED' AND attached_at IS NOT NULL
             AND current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM')
             AND EXISTS (SELECT 1 FROM rm_timeline t
                         WHERE t.agency = current_setting('keten.agency', true)
                           AND t.activation_id = attachments.activation_id
                           AND t.event_type = 'document.attached'
                           AND t.payload ->> 'attachmentId' = attachments.attachment_id::text))`);
    await db.query(`DROP INDEX attachments_of_activation`);
    // What was destroyed has no bytes to come back with: its record goes.
    await db.query(`DELETE FROM attachments WHERE state = 'DESTROYED'`);
    await db.query(`
      ALTER TABLE attachments
        DROP CONSTRAINT attachments_destroyed_record,
        DROP CONSTRAINT attachments_state_check,
        ADD CONSTRAINT attachments_state_check CHECK (state IN ('RECEIVING', 'STORED')),
        DROP COLUMN erasure_id,
        DROP COLUMN destroyed_at`);
  }
}
