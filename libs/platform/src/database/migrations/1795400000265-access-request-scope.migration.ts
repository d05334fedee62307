import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A data subject's access request (AVG art. 15, issue 19 item 6) is answered from the privacy officer's
 * agency's own holding, and row-level security draws that line, not the api:
 *
 * - access_request_activations(): the activations in which the agency's own timeline rows name the person
 *   whose BSN the transaction set (`keten.subject_bsn`, nine digits), for a PRIVACY_OFFICER of that agency
 *   only. It runs as the owner (a policy cannot query its own table) and applies the agency's own filter
 *   itself, as search_hits() does; person_bsns holds a BSN only where the agency may see it.
 * - rm_timeline and rm_activations: a privacy officer reads their agency's rows of exactly those
 *   activations, in the transaction that set the BSN, and no other case row (CASE_READERS still excludes
 *   the role everywhere else).
 * - access_request_deliveries(event_ids): which agencies' feeds received those events, when, and the
 *   categories the rows carried; only of events in the agency's rows of those activations (ids outside
 *   them answer nothing), and no payload.
 */
export class AccessRequestScope1795400000265 implements MigrationInterface {
  name = 'AccessRequestScope1795400000265';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION access_request_activations()
      RETURNS SETOF text
      -- A person is in a handful of an agency's cases: the estimate lets the planner read those by index.
      ROWS 10
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT DISTINCT t.activation_id FROM rm_timeline t
        WHERE current_setting('keten.role', true) = 'PRIVACY_OFFICER'
          AND coalesce(current_setting('keten.subject_bsn', true), '') ~ '^[0-9]{9}$'
          AND t.agency = current_setting('keten.agency', true)
          AND t.person_bsns @> jsonb_build_array(current_setting('keten.subject_bsn', true))
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION access_request_activations() FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION access_request_activations() TO keten_api`);
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(
        `CREATE POLICY ${table}_access_request ON ${table} FOR SELECT TO keten_api
         USING (agency = current_setting('keten.agency', true)
                AND current_setting('keten.role', true) = 'PRIVACY_OFFICER'
                AND activation_id IN (SELECT access_request_activations()))`,
      );
    }
    await db.query(`CREATE INDEX rm_feed_by_event ON rm_feed (event_id)`);
    await db.query(`
      CREATE FUNCTION access_request_deliveries(event_ids uuid[])
      RETURNS TABLE (agency text, event_id uuid, activation_id text, event_type text, carried text[], fed_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT f.agency, f.event_id, f.activation_id, f.event_type, f.carried, f.fed_at
        FROM rm_feed f
        WHERE f.event_id = ANY(event_ids)
          AND f.event_id IN (
            SELECT t.event_id FROM rm_timeline t
            WHERE t.agency = current_setting('keten.agency', true)
              AND t.activation_id IN (SELECT access_request_activations()))
        ORDER BY f.feed_seq
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION access_request_deliveries(uuid[]) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION access_request_deliveries(uuid[]) TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION access_request_deliveries(uuid[])`);
    await db.query(`DROP INDEX rm_feed_by_event`);
    for (const table of ['rm_activations', 'rm_timeline']) {
      await db.query(`DROP POLICY ${table}_access_request ON ${table}`);
    }
    await db.query(`DROP FUNCTION access_request_activations()`);
  }
}
