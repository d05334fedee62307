import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erasure request is its agency's (issue 19): a privacy officer reads the requests of their own agency
 * only, as the access log's lines (AccessLogOwnAgency1795400000121), so another agency's reasons — free
 * text — and how many it asked for stay its own. The api's query names the agency as well; this holds below
 * it. Rows already projected stay as they are: only who may read them changes.
 */
export class ErasureRequestsOwnAgency1795400000281 implements MigrationInterface {
  name = 'ErasureRequestsOwnAgency1795400000281';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY erasure_requests_read ON erasure_requests`);
    await db.query(
      `CREATE POLICY erasure_requests_read ON erasure_requests FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER'
              AND requester_agency = current_setting('keten.agency', true))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY erasure_requests_read ON erasure_requests`);
    await db.query(
      `CREATE POLICY erasure_requests_read ON erasure_requests FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER')`,
    );
  }
}
