import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed rows carry the activation's safety region, so region-scoped agreements apply at delivery from the
 * row itself instead of a lookup in the list rows or in the feed's own activation.opened. Rows fed before
 * get the region the feed projector remembers for their activation; the append-only trigger is lifted for
 * that one statement, inside this migration's transaction.
 */
export class FeedRegion1795400000010 implements MigrationInterface {
  name = 'FeedRegion1795400000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_feed ADD COLUMN region text`);
    await db.query(`ALTER TABLE rm_feed DISABLE TRIGGER rm_feed_append_only`);
    await db.query(
      `UPDATE rm_feed f SET region = facts.facts->>'region'
       FROM feed_activation_facts facts WHERE facts.activation_id = f.activation_id`,
    );
    await db.query(`ALTER TABLE rm_feed ENABLE TRIGGER rm_feed_append_only`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_feed DROP COLUMN region`);
  }
}
