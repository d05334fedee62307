import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every channel delivers a feed row with the agreements the feed projector last applied (feed_agreements):
 * never behind the row itself, unlike the read models' copy, which may not have reached the agreement a
 * new row was fed under yet. The api reads them for its own agency only.
 */
export class FeedAgreementsReadable1795400000122 implements MigrationInterface {
  name = 'FeedAgreementsReadable1795400000122';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE feed_agreements ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY feed_agreements_of_agency ON feed_agreements FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true))`,
    );
    await db.query(`GRANT SELECT ON feed_agreements TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE SELECT ON feed_agreements FROM keten_api`);
    await db.query(`DROP POLICY feed_agreements_of_agency ON feed_agreements`);
    await db.query(`ALTER TABLE feed_agreements DISABLE ROW LEVEL SECURITY`);
  }
}
