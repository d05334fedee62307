import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes, two organisations (issue 13). Agreements name the other party that approves them, the
 * processing activities they serve, who approved them and the proposal still waiting for a decision.
 * Agreements recorded before stay what they were, granted and in force, and serve the one activity keten
 * had: case coordination (the event upcaster says the same, so a rebuild agrees). A policy admin now sees
 * only the agreements its agency is party to, as the recipient or as the approving party.
 */
export class AgreementParties1795400000130 implements MigrationInterface {
  name = 'AgreementParties1795400000130';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['rm_agreements', 'feed_agreements']) {
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN approver_agency text, ADD COLUMN approved_by text,
           ADD COLUMN activities text[] NOT NULL DEFAULT '{case-coordination}', ADD COLUMN pending jsonb`,
      );
    }
    await db.query(`DROP POLICY rm_agreements_visible ON rm_agreements`);
    await db.query(
      `CREATE POLICY rm_agreements_visible ON rm_agreements FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true)
         OR (current_setting('keten.role', true) = 'POLICY_ADMIN'
             AND approver_agency = current_setting('keten.agency', true)))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY rm_agreements_visible ON rm_agreements`);
    await db.query(
      `CREATE POLICY rm_agreements_visible ON rm_agreements FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true) OR current_setting('keten.role', true) = 'POLICY_ADMIN')`,
    );
    for (const table of ['rm_agreements', 'feed_agreements']) {
      await db.query(
        `ALTER TABLE ${table} DROP COLUMN approver_agency, DROP COLUMN approved_by, DROP COLUMN activities,
           DROP COLUMN pending`,
      );
    }
  }
}
