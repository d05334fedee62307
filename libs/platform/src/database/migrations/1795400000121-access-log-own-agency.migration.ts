import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A privacy officer reads the access log of their own agency: the reads its people and systems made. The
 * old policy let any agency's privacy officer read every agency's lines (other agencies' user ids, and
 * which persons of cases their agency is not in were read about). A chain-wide view is not offered.
 */
export class AccessLogOwnAgency1795400000121 implements MigrationInterface {
  name = 'AccessLogOwnAgency1795400000121';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY access_log_read ON access_log`);
    await db.query(
      `CREATE POLICY access_log_read ON access_log FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER'
              AND agency = current_setting('keten.agency', true))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY access_log_read ON access_log`);
    await db.query(
      `CREATE POLICY access_log_read ON access_log FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER')`,
    );
  }
}
