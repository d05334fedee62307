import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-agency read models, the access log and the agreement view, and the database role the api reads
 * them through. Row-level security keys every read-model row on the agency set for the transaction
 * (`keten.agency`); without it a query sees nothing. The owner (the worker, migrations) bypasses RLS;
 * keten_api, a role without ownership or BYPASSRLS, cannot.
 */
export class ReadModels1795400000002 implements MigrationInterface {
  name = 'ReadModels1795400000002';

  async up(db: QueryRunner): Promise<void> {
    // Roles are cluster-wide: dev and test databases share it.
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keten_api') THEN
          CREATE ROLE keten_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await db.query(`GRANT CONNECT ON DATABASE "${await currentDatabase(db)}" TO keten_api`);
    await db.query(`GRANT USAGE ON SCHEMA public TO keten_api`);

    await db.query(`
      CREATE TABLE rm_activations (
        agency          text        NOT NULL,
        activation_id   text        NOT NULL,
        region          text        NOT NULL,
        municipality    text        NOT NULL,
        kind            text        NOT NULL,
        trigger         text        NOT NULL,
        themes          text[]      NOT NULL,
        status          text        NOT NULL,
        lead_agency     text        NOT NULL,
        participants    text[]      NOT NULL,
        integrated      boolean,
        outcome         text,
        location        jsonb,
        employer        jsonb,
        withheld        text[]      NOT NULL DEFAULT '{}',
        stream_version  integer     NOT NULL,
        opened_at       timestamptz NOT NULL,
        closed_at       timestamptz,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (agency, activation_id)
      )`);
    await db.query(
      `CREATE INDEX rm_activations_by_opened ON rm_activations (agency, opened_at DESC, activation_id DESC)`,
    );

    await db.query(`
      CREATE TABLE rm_timeline (
        agency          text        NOT NULL,
        activation_id   text        NOT NULL,
        stream_version  integer     NOT NULL,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        occurred_at     timestamptz NOT NULL,
        acting_agency   text        NOT NULL,
        payload         jsonb       NOT NULL,
        withheld        text[]      NOT NULL,
        PRIMARY KEY (agency, activation_id, stream_version)
      )`);

    // The projector's own memory of each activation (all facts, unredacted): never granted to the api.
    await db.query(`
      CREATE TABLE rm_activation_facts (
        activation_id   text  PRIMARY KEY,
        facts           jsonb NOT NULL
      )`);

    await db.query(`
      CREATE TABLE rm_agreements (
        agreement_id    text        PRIMARY KEY,
        agency          text        NOT NULL,
        categories      text[]      NOT NULL,
        purpose         text        NOT NULL,
        legal_basis     text        NOT NULL,
        legal_reference text        NOT NULL,
        valid_from      timestamptz NOT NULL,
        valid_until     timestamptz,
        region_scope    text,
        granted_by      text        NOT NULL,
        status          text        NOT NULL,
        stream_version  integer     NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE access_log (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        trace_id        text        NOT NULL,
        request_id      text,
        user_id         text        NOT NULL,
        agency          text        NOT NULL,
        role            text        NOT NULL,
        purpose         text        NOT NULL,
        operation       text        NOT NULL,
        activation_id   text        NOT NULL,
        categories      text[]      NOT NULL,
        subject_ref     text        NOT NULL
      )`);
    await db.query(`CREATE INDEX access_log_by_subject ON access_log (subject_ref, recorded_at)`);
    await db.query(`CREATE INDEX access_log_by_activation ON access_log (activation_id, recorded_at)`);
    await db.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);

    // Views bypass RLS unless they run with the invoker's rights.
    await db.query(`
      CREATE VIEW rm_activation_statistics WITH (security_invoker = true) AS
      SELECT agency, activation_id, region, municipality, kind, trigger, unnest(themes) AS theme,
             integrated, outcome, status, date_trunc('month', opened_at AT TIME ZONE 'Europe/Amsterdam') AS month
      FROM rm_activations`);

    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await db.query(
        `CREATE POLICY ${table}_of_agency ON ${table} FOR SELECT TO keten_api
         USING (agency = current_setting('keten.agency', true))`,
      );
      await db.query(`GRANT SELECT ON ${table} TO keten_api`);
    }
    await db.query(`GRANT SELECT ON rm_activation_statistics TO keten_api`);

    await db.query(`ALTER TABLE rm_agreements ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY rm_agreements_visible ON rm_agreements FOR SELECT TO keten_api
       USING (agency = current_setting('keten.agency', true) OR current_setting('keten.role', true) = 'POLICY_ADMIN')`,
    );
    await db.query(`GRANT SELECT ON rm_agreements TO keten_api`);

    // The api records reads and the privacy officer reads the log; nobody can change it.
    await db.query(`ALTER TABLE access_log ENABLE ROW LEVEL SECURITY`);
    await db.query(`CREATE POLICY access_log_insert ON access_log FOR INSERT TO keten_api WITH CHECK (true)`);
    await db.query(
      `CREATE POLICY access_log_read ON access_log FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) = 'PRIVACY_OFFICER')`,
    );
    await db.query(`GRANT SELECT, INSERT ON access_log TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW rm_activation_statistics`);
    await db.query(`DROP TABLE access_log, rm_agreements, rm_activation_facts, rm_timeline, rm_activations`);
    await db.query(`REVOKE ALL ON SCHEMA public FROM keten_api`);
  }
}

async function currentDatabase(db: QueryRunner): Promise<string> {
  const [{ name }] = await db.query(`SELECT current_database() AS name`);
  return name;
}
