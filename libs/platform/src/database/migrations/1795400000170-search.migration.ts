import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search (issue 15): what each agency may find, derived from its own read-model rows, which the projector
 * already redacted for it. Generated columns, so nothing else writes them and a rebuild of the read models
 * fills them as it goes; no projection needs projecting again for them.
 * - rm_activations.search_document: case number, title, employer and staffing agency names, address,
 *   city and municipality, as Dutch full text (`dutch` configuration).
 * - rm_activations.search_keys: the exact identifiers, normalised (upper case, postcode without space):
 *   case number, KvK numbers of employer and staffing agency, postcode, municipality code.
 * - rm_timeline.search_document: the narratives of the entry as the agency may read them (every `text`
 *   of the payload: a withheld narrative is null there), as Dutch full text.
 * - rm_timeline.person_names / person_bsns: the names (full text, `simple`: names are not stemmed) and
 *   BSNs of the persons an entry names, only where the agency may see them (PERSONAL, and the finding's
 *   category for persons in a finding); elsewhere the projector wrote them as null.
 */
/** A ts_rank as a whole number, so it sorts and pages exactly; an exact identifier outranks any text. */
const RANK_SCALE = 1_000_000;
const EXACT_SCORE = 100 * RANK_SCALE;

export class Search1795400000170 implements MigrationInterface {
  name = 'Search1795400000170';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE rm_activations
        ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
          to_tsvector('dutch'::regconfig, ${[
            'case_number',
            "title->>'text'",
            "employer->>'name'",
            "employer->'staffingAgency'->>'name'",
            "location->>'address'",
            "location->>'city'",
            'municipality',
          ]
            // concat_ws is only stable; || on text is immutable, as a generated column needs.
            .map((value) => `coalesce(${value}, '')`)
            .join(` || ' ' || `)})) STORED,
        ADD COLUMN search_keys text[] GENERATED ALWAYS AS (
          array_remove(ARRAY[
            upper(case_number), employer->>'kvkNumber', employer->'staffingAgency'->>'kvkNumber',
            upper(replace(location->>'postcode', ' ', '')), upper(municipality)], NULL)) STORED`);
    await db.query(
      `CREATE INDEX rm_activations_search_document ON rm_activations USING gin (search_document)`,
    );
    await db.query(`CREATE INDEX rm_activations_search_keys ON rm_activations USING gin (search_keys)`);
    await db.query(`
      ALTER TABLE rm_timeline
        ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
          jsonb_to_tsvector('dutch'::regconfig, jsonb_path_query_array(payload, 'strict $.**.text', '{}', true), '["string"]')) STORED,
        ADD COLUMN person_names tsvector GENERATED ALWAYS AS (
          jsonb_to_tsvector('simple'::regconfig, jsonb_path_query_array(payload, 'strict $.subjects[*].name', '{}', true), '["string"]')) STORED,
        ADD COLUMN person_bsns jsonb GENERATED ALWAYS AS (
          jsonb_path_query_array(payload, 'strict $.subjects[*].bsn ? (@ != null)', '{}', true)) STORED`);
    await db.query(`CREATE INDEX rm_timeline_search_document ON rm_timeline USING gin (search_document)`);
    await db.query(`CREATE INDEX rm_timeline_person_names ON rm_timeline USING gin (person_names)`);
    await db.query(
      `CREATE INDEX rm_timeline_person_bsns ON rm_timeline USING gin (person_bsns jsonb_path_ops)`,
    );

    // Row-level security lets no operator that is not leakproof (@@, &&, @>) run before its own agency
    // filter, so under it no search index can be used: every search would read all of the agency's
    // rows. search_hits() runs as the owner and applies the very same filter itself (the agency set for
    // the transaction, nothing passed in), and answers only activation ids and scores; the api joins
    // them to rm_activations under row-level security (agency and role) before anything is shown.
    await db.query(`
      CREATE FUNCTION search_hits(query text, keys text[], bsn text)
      RETURNS TABLE (activation_id text, score integer)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        WITH q AS (
          SELECT websearch_to_tsquery('dutch', query) AS fts, plainto_tsquery('simple', query) AS names,
                 current_setting('keten.agency', true) AS agency
        )
        SELECT found.activation_id, max(found.score)::integer FROM (
          SELECT a.activation_id, (ts_rank(a.search_document, q.fts) * ${RANK_SCALE})::integer AS score
          FROM q JOIN rm_activations a ON a.agency = q.agency AND a.search_document @@ q.fts
          UNION ALL
          SELECT t.activation_id, (ts_rank(t.search_document, q.fts) * ${RANK_SCALE})::integer
          FROM q JOIN rm_timeline t ON t.agency = q.agency AND t.search_document @@ q.fts
          UNION ALL
          SELECT t.activation_id, (ts_rank(t.person_names, q.names) * ${RANK_SCALE})::integer
          FROM q JOIN rm_timeline t ON t.agency = q.agency AND t.person_names @@ q.names
          UNION ALL
          SELECT a.activation_id, ${EXACT_SCORE}
          FROM q JOIN rm_activations a ON a.agency = q.agency AND a.search_keys && keys
          UNION ALL
          SELECT t.activation_id, ${EXACT_SCORE}
          FROM q JOIN rm_timeline t ON t.agency = q.agency AND t.person_bsns @> jsonb_build_array(bsn)
          WHERE bsn IS NOT NULL
        ) found
        GROUP BY found.activation_id
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION search_hits(text, text[], text) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION search_hits(text, text[], text) TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION search_hits(text, text[], text)`);
    await db.query(
      `DROP INDEX rm_timeline_person_bsns, rm_timeline_person_names, rm_timeline_search_document`,
    );
    await db.query(
      `ALTER TABLE rm_timeline DROP COLUMN person_bsns, DROP COLUMN person_names, DROP COLUMN search_document`,
    );
    await db.query(`DROP INDEX rm_activations_search_keys, rm_activations_search_document`);
    await db.query(`ALTER TABLE rm_activations DROP COLUMN search_keys, DROP COLUMN search_document`);
  }
}
