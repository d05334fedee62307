import { MigrationInterface, QueryRunner } from 'typeorm';

const CASE_READERS = `current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM')`;

/**
 * Tightens the read policies so the database, not only the api, enforces who reads case data: policy
 * admins and privacy officers read no case rows, and the api can log reads only in its own agency's name.
 * The statistics view gains opened_at so period filters need no second query.
 */
export class ReadPolicies1795400000003 implements MigrationInterface {
  name = 'ReadPolicies1795400000003';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(`DROP POLICY ${table}_of_agency ON ${table}`);
      await db.query(
        `CREATE POLICY ${table}_of_agency ON ${table} FOR SELECT TO keten_api
         USING (agency = current_setting('keten.agency', true) AND ${CASE_READERS})`,
      );
    }
    await db.query(`DROP POLICY access_log_insert ON access_log`);
    await db.query(
      `CREATE POLICY access_log_insert ON access_log FOR INSERT TO keten_api
       WITH CHECK (agency = current_setting('keten.agency', true))`,
    );
    await db.query(`CREATE INDEX access_log_by_user ON access_log (user_id, recorded_at)`);
    // Views bypass RLS unless they run with the invoker's rights; the replacement keeps that option.
    await db.query(`
      CREATE OR REPLACE VIEW rm_activation_statistics WITH (security_invoker = true) AS
      SELECT agency, activation_id, region, municipality, kind, trigger, unnest(themes) AS theme,
             integrated, outcome, status, date_trunc('month', opened_at AT TIME ZONE 'Europe/Amsterdam') AS month,
             opened_at
      FROM rm_activations`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX access_log_by_user`);
    await db.query(`DROP POLICY access_log_insert ON access_log`);
    await db.query(`CREATE POLICY access_log_insert ON access_log FOR INSERT TO keten_api WITH CHECK (true)`);
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(`DROP POLICY ${table}_of_agency ON ${table}`);
      await db.query(
        `CREATE POLICY ${table}_of_agency ON ${table} FOR SELECT TO keten_api
         USING (agency = current_setting('keten.agency', true))`,
      );
    }
  }
}
