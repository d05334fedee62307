import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: one append-only table of every event, plus the command ledger that makes
 * commands idempotent and the checkpoints of the gap-safe subscriptions.
 */
export class EventStore1795400000000 implements MigrationInterface {
  name = 'EventStore1795400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Positions are taken before commit and so commit out of order; readers order by the
        -- writing transaction first and only read below the oldest transaction still running.
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        event_id        uuid        NOT NULL,
        type            text        NOT NULL,
        schema_version  smallint    NOT NULL CHECK (schema_version > 0),
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      )`);
    await db.query(`CREATE INDEX events_subscription_order ON events (transaction_id, position)`);
    await db.query(`
      CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);

    await db.query(`
      CREATE TABLE processed_commands (
        command_id    uuid        PRIMARY KEY,
        command_hash  text        NOT NULL,
        stream_id     text        NOT NULL,
        result        jsonb       NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await db.query(`
      CREATE TABLE subscription_checkpoints (
        subscription    text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT '0',
        position        bigint      NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE subscription_checkpoints`);
    await db.query(`DROP TABLE processed_commands`);
    await db.query(`DROP TRIGGER events_append_only ON events`);
    await db.query(`DROP FUNCTION events_are_append_only()`);
    await db.query(`DROP TABLE events`);
  }
}
