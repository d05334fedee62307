import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections (AVG art. 16, issue 15): a timeline entry that a later event corrected or withdrew as
 * misfiled says so (corrected_at, withdrawn_at), and an activation's list row says when its location,
 * employer or region was last corrected. Nullable columns: an existing database keeps working, and the
 * read-models projection (version 4) fills them when it rebuilds.
 */
export class Corrections1795400000180 implements MigrationInterface {
  name = 'Corrections1795400000180';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE rm_timeline ADD COLUMN IF NOT EXISTS corrected_at timestamptz,
                               ADD COLUMN IF NOT EXISTS withdrawn_at timestamptz`,
    );
    await db.query(`ALTER TABLE rm_activations ADD COLUMN IF NOT EXISTS corrected_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_activations DROP COLUMN IF EXISTS corrected_at`);
    await db.query(
      `ALTER TABLE rm_timeline DROP COLUMN IF EXISTS corrected_at, DROP COLUMN IF EXISTS withdrawn_at`,
    );
  }
}
