import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The activation's outcome became an INTERVENTION fact: agencies without that category must no longer see
 * it in their list rows or statistics. Read models are derived data, so they are emptied and their
 * subscription starts again from the first event: the worker re-projects everything with the new rule
 * (what `npm run projections:rebuild` does). The agency feeds are append-only and left as they are.
 */
export class ReprojectOutcome1795400000005 implements MigrationInterface {
  name = 'ReprojectOutcome1795400000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`TRUNCATE rm_timeline, rm_activations, rm_activation_facts, rm_agreements`);
    await db.query(
      `UPDATE subscription_checkpoints SET transaction_id = '0', position = 0, updated_at = clock_timestamp()
       WHERE subscription = 'read-models'`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the read models re-project themselves under either rule.
  }
}
