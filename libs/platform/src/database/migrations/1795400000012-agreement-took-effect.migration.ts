import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements record when their start took effect in the agency's read models. The worker's clock
 * re-projects an agency once for every agreement in force whose validFrom has passed and that has not
 * taken effect yet, so a start that passed while no worker ran is caught up on the next start (it used to
 * remember its last tick only in memory and miss it). An agreement projected after its start took effect
 * then; for one projected before it, this release cannot tell whether the old clock caught it, so it is
 * applied once more (a re-projection changes nothing that is already right).
 */
export class AgreementTookEffect1795400000012 implements MigrationInterface {
  name = 'AgreementTookEffect1795400000012';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['rm_agreements', 'feed_agreements']) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN took_effect_at timestamptz`);
      await db.query(`UPDATE ${table} SET took_effect_at = updated_at WHERE valid_from <= updated_at`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['rm_agreements', 'feed_agreements']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN took_effect_at`);
    }
  }
}
