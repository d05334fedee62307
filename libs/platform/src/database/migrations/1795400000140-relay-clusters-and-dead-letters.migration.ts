import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the feed relay must remember about Kafka beyond its checkpoint:
 * - relay_clusters: the id of the cluster it published to. A different id means a new, empty cluster
 *   (a replaced broker, a wiped data directory): the relay then publishes every feed again from the start.
 *   An existing database has no row yet; the relay records the cluster it sees first and, since its
 *   checkpoint was acknowledged there, does not republish.
 * - relay_dead_letters: feed entries the broker refused for good (too large, invalid), set aside so that
 *   they do not block the feed behind them, with the reason, until an operator replays them.
 */
export class RelayClustersAndDeadLetters1795400000140 implements MigrationInterface {
  name = 'RelayClustersAndDeadLetters1795400000140';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE relay_clusters (
        relay                text        PRIMARY KEY,
        cluster_id           text        NOT NULL,
        since                timestamptz NOT NULL DEFAULT clock_timestamp(),
        previous_cluster_id  text,
        republished_from     bigint
      )`);
    await db.query(`
      CREATE TABLE relay_dead_letters (
        feed_seq         bigint      PRIMARY KEY REFERENCES rm_feed (feed_seq),
        agency           text        NOT NULL,
        event_id         uuid        NOT NULL,
        topic            text        NOT NULL,
        reason           text        NOT NULL,
        detail           text        NOT NULL,
        attempts         integer     NOT NULL DEFAULT 1,
        first_failed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_failed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        replayed_at      timestamptz
      )`);
    await db.query(
      `CREATE INDEX relay_dead_letters_pending ON relay_dead_letters (feed_seq) WHERE replayed_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE relay_dead_letters, relay_clusters`);
  }
}
