import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rm_activations.actors (issue 15, "my cases: I acted in it"): the user ids of the row's own agency who
 * acted on the activation, so `activations(filter: {actedByMe: true})` finds a user's cases. A row holds
 * only its own agency's users, under the row-level security that already guards it. The read models are
 * rebuilt on the worker's next start (projection version 4), which fills it.
 */
export class ActivationActors1795400000165 implements MigrationInterface {
  name = 'ActivationActors1795400000165';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_activations ADD COLUMN actors text[] NOT NULL DEFAULT '{}'`);
    await db.query(`CREATE INDEX rm_activations_by_actor ON rm_activations USING gin (actors)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_activations DROP COLUMN actors`);
  }
}
