import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-agency event feeds: an append-only log of every event an agency was entitled to when it happened,
 * redacted with the agreements in force then. Unlike the read models it is never re-projected: what was
 * delivered stays delivered, and agreement changes apply from the next event on. feed_seq is written by
 * one serialised subscription, so it commits in order and serves as a stable cursor for the GraphQL feed
 * and as the Kafka relay's checkpoint.
 */
export class AgencyFeeds1795400000004 implements MigrationInterface {
  name = 'AgencyFeeds1795400000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rm_feed (
        feed_seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agency          text        NOT NULL,
        event_id        uuid        NOT NULL,
        activation_id   text        NOT NULL,
        stream_version  integer     NOT NULL,
        event_type      text        NOT NULL,
        schema_version  smallint    NOT NULL,
        occurred_at     timestamptz NOT NULL,
        acting_agency   text        NOT NULL,
        payload         jsonb       NOT NULL,
        withheld        text[]      NOT NULL,
        carried         text[]      NOT NULL,
        fed_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT rm_feed_once_per_agency UNIQUE (agency, event_id)
      )`);
    await db.query(`CREATE INDEX rm_feed_of_agency ON rm_feed (agency, feed_seq)`);
    await db.query(`CREATE INDEX rm_feed_of_activation ON rm_feed (agency, activation_id, feed_seq)`);
    await db.query(`
      CREATE TRIGGER rm_feed_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rm_feed
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);

    // The feed subscription's own memory: entitlement and agreements as of the last event it fed, so that
    // rebuilding the read models never changes what the feeds say.
    await db.query(
      `CREATE TABLE feed_activation_facts (activation_id text PRIMARY KEY, facts jsonb NOT NULL)`,
    );
    await db.query(`CREATE TABLE feed_agreements (LIKE rm_agreements INCLUDING ALL)`);

    await db.query(`ALTER TABLE rm_feed ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY rm_feed_of_agency ON rm_feed FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true)
              AND current_setting('keten.role', true) IN ('INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM'))`,
    );
    await db.query(`GRANT SELECT ON rm_feed TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE feed_agreements, feed_activation_facts`);
    await db.query(`DROP TRIGGER rm_feed_append_only ON rm_feed`);
    await db.query(`DROP TABLE rm_feed`);
  }
}
