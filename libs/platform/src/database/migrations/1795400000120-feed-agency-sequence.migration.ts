import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each agency's feed gets a sequence of its own (1, 2, 3, … per agency). feed_seq numbers the rows of all
 * agencies together, so the gaps between an agency's positions counted what the other agencies were fed:
 * its GraphQL cursors and Kafka `sequence` now carry agency_seq instead. Rows fed before are numbered in
 * their feed order; the append-only trigger is lifted for that one statement, inside this transaction.
 */
export class FeedAgencySequence1795400000120 implements MigrationInterface {
  name = 'FeedAgencySequence1795400000120';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_feed ADD COLUMN agency_seq bigint`);
    await db.query(`ALTER TABLE rm_feed DISABLE TRIGGER rm_feed_append_only`);
    await db.query(
      `UPDATE rm_feed f SET agency_seq = n.seq
       FROM (SELECT feed_seq, row_number() OVER (PARTITION BY agency ORDER BY feed_seq) AS seq FROM rm_feed) n
       WHERE n.feed_seq = f.feed_seq`,
    );
    await db.query(`ALTER TABLE rm_feed ENABLE TRIGGER rm_feed_append_only`);
    await db.query(`ALTER TABLE rm_feed ALTER COLUMN agency_seq SET NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX rm_feed_agency_sequence ON rm_feed (agency, agency_seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rm_feed_agency_sequence`);
    await db.query(`ALTER TABLE rm_feed DROP COLUMN agency_seq`);
  }
}
