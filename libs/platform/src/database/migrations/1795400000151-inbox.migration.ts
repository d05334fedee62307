import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rm_inbox (issue 15): the invitations and referrals addressed to each agency, with the case at CASE level
 * (redacted by the projector) and who sent them and why; their state follows the answer (joined,
 * declined). Read by keten_api under row-level security for the reader's agency, like the other read
 * models; the read-model projector alone writes it.
 */
export class Inbox1795400000151 implements MigrationInterface {
  name = 'Inbox1795400000151';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rm_inbox (
        agency         text        NOT NULL,
        activation_id  text        NOT NULL,
        item_id        text        NOT NULL,
        kind           text        NOT NULL CHECK (kind IN ('INVITATION', 'REFERRAL')),
        from_agency    text        NOT NULL,
        reason         jsonb,
        activation     jsonb       NOT NULL,
        withheld       text[]      NOT NULL DEFAULT '{}',
        state          text        NOT NULL,
        answer         jsonb,
        received_at    timestamptz NOT NULL,
        answered_at    timestamptz,
        PRIMARY KEY (agency, activation_id, item_id)
      )`);
    await db.query(
      `CREATE INDEX rm_inbox_by_received ON rm_inbox (agency, received_at DESC, activation_id, item_id)`,
    );
    await db.query(`ALTER TABLE rm_inbox ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY rm_inbox_of_agency ON rm_inbox FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true)
              AND current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM'))`,
    );
    await db.query(`GRANT SELECT ON rm_inbox TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rm_inbox`);
  }
}
