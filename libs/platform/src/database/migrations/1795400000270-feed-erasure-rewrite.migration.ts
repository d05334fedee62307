import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rm_feed stays append-only with one narrow exception (issue 19): when personal data of an activation is
 * erased, the feed projector rewrites the payloads of that activation's rows, so that the feed ledger holds
 * no plaintext that outlives the subject's key. The exception is explicit and checked row by row:
 *
 * - only inside a transaction that set `keten.feed_rewrite` to `erasure` (transaction-local: the rewrite
 *   sets it just before its UPDATE and clears it just after, in the feed subscription's transaction);
 * - only the payload and its schema version may change (the payload is rewritten as the store opens the
 *   event now, at the catalogue's current version), and the version only upwards: the row's ids, position,
 *   agency sequence, categories, region and times stay, so every consumer's cursor survives;
 * - DELETE and TRUNCATE stay refused, with or without the setting.
 *
 * The activation index lets the rewrite, and the notices to former recipients, read one activation's rows
 * of every agency without scanning the feed.
 */
export class FeedErasureRewrite1795400000270 implements MigrationInterface {
  name = 'FeedErasureRewrite1795400000270';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION rm_feed_rewritten_on_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('keten.feed_rewrite', true) IS DISTINCT FROM 'erasure' THEN
          RAISE EXCEPTION 'rm_feed is append-only: UPDATE is allowed only to the erasure rewrite of the feed projector'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (to_jsonb(NEW) - 'payload' - 'schema_version') IS DISTINCT FROM (to_jsonb(OLD) - 'payload' - 'schema_version')
           OR NEW.schema_version < OLD.schema_version THEN
          RAISE EXCEPTION 'the erasure rewrite of rm_feed changes only a row''s payload and its schema version (upwards), nothing else'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`DROP TRIGGER rm_feed_append_only ON rm_feed`);
    await db.query(`
      CREATE TRIGGER rm_feed_append_only BEFORE DELETE OR TRUNCATE ON rm_feed
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
    await db.query(`
      CREATE TRIGGER rm_feed_erasure_rewrite BEFORE UPDATE ON rm_feed
      FOR EACH ROW EXECUTE FUNCTION rm_feed_rewritten_on_erasure_only()`);
    await db.query(`CREATE INDEX rm_feed_by_activation ON rm_feed (activation_id, feed_seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rm_feed_by_activation`);
    await db.query(`DROP TRIGGER rm_feed_erasure_rewrite ON rm_feed`);
    await db.query(`DROP TRIGGER rm_feed_append_only ON rm_feed`);
    await db.query(`
      CREATE TRIGGER rm_feed_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rm_feed
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
    await db.query(`DROP FUNCTION rm_feed_rewritten_on_erasure_only()`);
  }
}
