import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which activations hold values sealed under which subject's key (issue 19), written as values are sealed,
 * so an erasure of a person by BSN knows every case it reaches (the values themselves are sealed and
 * cannot be searched). A pseudonym and an activation id: no personal data. Owned by SubjectKeys.
 */
export class SubjectActivations1795400000203 implements MigrationInterface {
  name = 'SubjectActivations1795400000203';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subject_activations (
        subject_ref    text        NOT NULL,
        activation_id  text        NOT NULL,
        first_sealed   timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (subject_ref, activation_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE subject_activations`);
  }
}
