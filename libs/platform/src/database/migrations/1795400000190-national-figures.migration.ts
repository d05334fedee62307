import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national coordinating team (LOT-C, agency LOTC, role NATIONAL_COORDINATOR) reads the accountability
 * figures of every region from its own read models: row-level security lets that role read its agency's
 * list rows and timeline entries (the statistics view runs as the invoker, so through these). The api
 * lets the role make figure reads only; no other role of the agency reads case rows (the token rules).
 */
export class NationalFigures1795400000190 implements MigrationInterface {
  name = 'NationalFigures1795400000190';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(
        `CREATE POLICY ${table}_national_figures ON ${table} FOR SELECT TO keten_api
         USING (agency = current_setting('keten.agency', true)
                AND current_setting('keten.role', true) = 'NATIONAL_COORDINATOR')`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(`DROP POLICY ${table}_national_figures ON ${table}`);
    }
  }
}
