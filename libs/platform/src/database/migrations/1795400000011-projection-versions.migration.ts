import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projections know their version: projection_versions records which version of each projection wrote
 * what its tables hold, so a new version is rebuilt by the worker (projection-upgrade) instead of by a
 * hand-written migration that empties tables. What exists now was written by version 1 of both.
 */
export class ProjectionVersions1795400000011 implements MigrationInterface {
  name = 'ProjectionVersions1795400000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_versions (
        name        text        PRIMARY KEY,
        version     integer     NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `INSERT INTO projection_versions (name, version) VALUES ('read-models', 1), ('agency-feeds', 1)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_versions`);
  }
}
