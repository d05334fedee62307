import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers (issue 15): `VR17-2026-0042`, one counter per safety region and year.
 * - case_number_counters: the last number handed out per region and year (in the Netherlands).
 * - case_numbers: which activation holds which number; unique both ways, so a retried opening gets the
 *   number it was given the first time and no two activations share one.
 * - Activations opened before case numbers existed are numbered now, in the order they were opened, by an
 *   `activation.numbered` event appended to each stream: events are never edited, and so every read model
 *   and feed learns the number the way it learns anything else.
 * - rm_activations shows the title and the case number of each activation.
 */
export class CaseNumbers1795400000150 implements MigrationInterface {
  name = 'CaseNumbers1795400000150';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_number_counters (
        region       text    NOT NULL,
        year         integer NOT NULL,
        last_number  integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (region, year)
      )`);
    await db.query(`
      CREATE TABLE case_numbers (
        case_number    text        PRIMARY KEY,
        activation_id  text        NOT NULL UNIQUE,
        assigned_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      CREATE TEMPORARY TABLE numbered ON COMMIT DROP AS
      SELECT o.stream_id, o.data->>'activationId' AS activation_id, o.data->>'region' AS region,
             o.year, row_number() OVER (PARTITION BY o.data->>'region', o.year ORDER BY o.position) AS n,
             (SELECT max(e.stream_version) FROM events e WHERE e.stream_id = o.stream_id) AS last_version,
             gen_random_uuid() AS event_id
      FROM (
        SELECT position, stream_id, data,
               extract(year FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::int AS year
        FROM events WHERE type = 'activation.opened' AND stream_id LIKE 'activation-%' AND NOT data ? 'caseNumber'
      ) o`);
    await db.query(`
      INSERT INTO case_numbers (case_number, activation_id)
      SELECT region || '-' || year || '-' || lpad(n::text, 4, '0'), activation_id FROM numbered`);
    await db.query(`
      INSERT INTO case_number_counters (region, year, last_number)
      SELECT region, year, max(n) FROM numbered GROUP BY region, year`);
    await db.query(`
      INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
      SELECT stream_id, last_version + 1, event_id, 'activation.numbered', 1,
             jsonb_build_object('caseNumber', region || '-' || year || '-' || lpad(n::text, 4, '0')),
             jsonb_build_object(
               'actor', jsonb_build_object('userId', 'keten-upgrade', 'agency', region, 'role', 'COORDINATOR'),
               'correlationId', event_id, 'causationId', event_id),
             clock_timestamp()
      FROM numbered ORDER BY region, year, n`);
    await db.query(`ALTER TABLE rm_activations ADD COLUMN case_number text, ADD COLUMN title jsonb`);
    await db.query(`CREATE INDEX rm_activations_by_case_number ON rm_activations (agency, case_number)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rm_activations_by_case_number`);
    await db.query(`ALTER TABLE rm_activations DROP COLUMN case_number, DROP COLUMN title`);
    // The activation.numbered events stay: the store is append-only, and older code ignores them.
    await db.query(`DROP TABLE case_numbers, case_number_counters`);
  }
}
