import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys of crypto-shredding (issue 19): personal values are sealed under a key per data subject.
 * - subject_keys: each key wrapped by a master key (never in the clear), by subject pseudonym and
 *   generation. Backed up apart from the events (docs/security.md).
 * - erased_subject_keys: the erasure list, kept with the events: a key it names is never used again, and
 *   a restored key backup is cut back by it (SubjectKeys.reapplyErasures).
 * Neither is readable by keten_api's row-level-security role: only the write side and the worker read keys.
 */
export class SubjectKeys1795400000200 implements MigrationInterface {
  name = 'SubjectKeys1795400000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subject_keys (
        key_id         text        PRIMARY KEY,
        subject_ref    text        NOT NULL,
        generation     integer     NOT NULL CHECK (generation > 0),
        master_key_id  text        NOT NULL,
        wrapped_key    bytea       NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (subject_ref, generation)
      )`);
    await db.query(`
      CREATE TABLE erased_subject_keys (
        key_id       text        PRIMARY KEY,
        subject_ref  text        NOT NULL,
        generation   integer     NOT NULL,
        erasure_id   text        NOT NULL,
        erased_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX erased_subject_keys_by_subject ON erased_subject_keys (subject_ref)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE erased_subject_keys, subject_keys`);
  }
}
