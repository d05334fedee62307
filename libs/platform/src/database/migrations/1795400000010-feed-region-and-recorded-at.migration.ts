import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed rows carry the activation's safety region, so region-scoped agreements apply at delivery from the
 * row itself instead of a lookup in the list rows or in the feed's own activation.opened, and when the
 * event store recorded the event (the feed message's `time`), so the relay reads rm_feed alone. Rows fed
 * before get them from the feed projector's memory and the events; the append-only trigger is lifted for
 * those statements, inside this migration's transaction.
 */
export class FeedRegionAndRecordedAt1795400000010 implements MigrationInterface {
  name = 'FeedRegionAndRecordedAt1795400000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_feed ADD COLUMN region text, ADD COLUMN recorded_at timestamptz`);
    await db.query(`ALTER TABLE rm_feed DISABLE TRIGGER rm_feed_append_only`);
    await db.query(
      `UPDATE rm_feed f SET region = facts.facts->>'region'
       FROM feed_activation_facts facts WHERE facts.activation_id = f.activation_id`,
    );
    await db.query(
      `UPDATE rm_feed f SET recorded_at = e.recorded_at FROM events e WHERE e.event_id = f.event_id`,
    );
    await db.query(`ALTER TABLE rm_feed ENABLE TRIGGER rm_feed_append_only`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_feed DROP COLUMN region, DROP COLUMN recorded_at`);
  }
}
