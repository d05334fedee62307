import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one exception to the events table's append-only rule (issue 19): the event store's sealing of
 * legacy events (libs/events, LegacyEventSealing) rewrites an event written in the clear by a release
 * before personal values were sealed, with those values sealed and at the current schema version. An
 * UPDATE is allowed only
 * - in a transaction that declared itself the sealing pass (`SET LOCAL keten.sealing_legacy_events = 'on'`,
 *   which only that module sets), and
 * - when it changes nothing but `data` and `schema_version`, turns a payload without a sealed value into one
 *   with sealed values, and never lowers the schema version.
 * Everything else is refused as before: any other UPDATE, and every DELETE and TRUNCATE. The setting is a
 * guard against mistakes, not a privilege: whoever may change this trigger may change the table anyway.
 */
export class LegacySealing1795400000260 implements MigrationInterface {
  name = 'LegacySealing1795400000260';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER events_append_only ON events`);
    await db.query(`
      CREATE TRIGGER events_append_only BEFORE DELETE OR TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
    await db.query(`
      CREATE FUNCTION events_seal_legacy_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('keten.sealing_legacy_events', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'events are append-only: UPDATE is not allowed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.position, NEW.transaction_id, NEW.stream_id, NEW.stream_version, NEW.event_id, NEW.type,
            NEW.metadata, NEW.occurred_at, NEW.recorded_at)
           IS DISTINCT FROM
           (OLD.position, OLD.transaction_id, OLD.stream_id, OLD.stream_version, OLD.event_id, OLD.type,
            OLD.metadata, OLD.occurred_at, OLD.recorded_at)
           OR NEW.schema_version < OLD.schema_version
           OR jsonb_path_exists(OLD.data, 'strict $.**."$sealed"')
           OR NOT jsonb_path_exists(NEW.data, 'strict $.**."$sealed"') THEN
          RAISE EXCEPTION 'events are append-only: sealing legacy events changes only the data of an event '
            'written in the clear (to sealed values) and its schema version, of event %', OLD.event_id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER events_seal_legacy_only BEFORE UPDATE ON events
      FOR EACH ROW EXECUTE FUNCTION events_seal_legacy_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER events_seal_legacy_only ON events`);
    await db.query(`DROP FUNCTION events_seal_legacy_only()`);
    await db.query(`DROP TRIGGER events_append_only ON events`);
    await db.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
  }
}
