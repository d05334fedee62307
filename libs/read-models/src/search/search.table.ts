import { EntityManager } from 'typeorm';
import { ActivationListRow, activationListColumns } from '../activation-list/activations.table.js';
import { SqlParams } from '../sql/sql-params.js';

/**
 * Search over an agency's own read model (issue 15): rm_activations and rm_timeline as the projector
 * wrote them for that agency, already redacted, read under row-level security for it. What an agency may
 * not see was never written into its rows, so it cannot be found (the generated search columns of
 * migration 1795400000170 are derived from those rows alone).
 */

/** What to look for; every part is optional and the parts combine with OR. */
export interface SearchTerms {
  /** Dutch full text over the case (number, title, employer, address, municipality) and its narratives. */
  readonly text: string;
  /** Exact identifiers, normalised as the search_keys column holds them (case number, KvK, postcode, GM code). */
  readonly keys: readonly string[];
  /** A BSN, nine digits: the persons the agency may see with it. */
  readonly bsn?: string;
  /** Persons by name (every word of `text`, not stemmed). */
  readonly names: boolean;
}

export interface SearchQuery {
  readonly terms: SearchTerms;
  /** The sort key of the last row of the previous page: score and activation id. */
  readonly after?: readonly [number, string];
  readonly limit: number;
}

/** An activation found, with its score: higher first, ties by activation id. */
export type SearchRow = ActivationListRow & { score: number };

/** A person the search found in an entry of an activation's timeline, as the agency sees the entry. */
export interface PersonFound {
  activation_id: string;
  event_type: string;
  /** The entry's whole payload as the agency sees it: what the person's categories depend on. */
  payload: Record<string, unknown>;
  subject: Record<string, unknown>;
}

/** A timeline entry whose narratives matched the text. */
export interface NarrativeFound {
  activation_id: string;
  event_type: string;
  payload: unknown;
}

/** The Dutch full-text query of the text (stemmed, stop words left out), as a parameter of `params`. */
function ftsQuery(params: SqlParams, terms: SearchTerms): string {
  return `websearch_to_tsquery('dutch', ${params.add(terms.text)}::text)`;
}

/** The name query: every word of the text, not stemmed. */
function namesQuery(params: SqlParams, terms: SearchTerms): string {
  return `plainto_tsquery('simple', ${params.add(terms.text)}::text)`;
}

export const searchTable = {
  /**
   * A page of the activations the agency finds, best first. search_hits() (migration 1795400000170) finds
   * them with the search indexes among the rows of the agency set for the transaction; the rows shown are
   * read from rm_activations under row-level security, as every list is.
   */
  page(db: EntityManager, agency: string, query: SearchQuery): Promise<SearchRow[]> {
    const { terms } = query;
    const params = new SqlParams();
    const a = params.add(agency);
    const hits = `search_hits(${params.add(terms.text)}::text, ${params.add(terms.keys)}::text[], ${params.add(terms.bsn ?? null)}::text)`;
    const after = query.after
      ? `WHERE (h.score < ${params.add(query.after[0])} OR (h.score = ${params.add(query.after[0])} AND h.activation_id > ${params.add(query.after[1])}))`
      : '';
    return db.query(
      `SELECT ${activationListColumns('a')}, h.score
       FROM ${hits} h JOIN rm_activations a ON a.agency = ${a} AND a.activation_id = h.activation_id
       ${after}
       ORDER BY h.score DESC, h.activation_id ASC LIMIT ${params.add(query.limit)}`,
      params.values,
    );
  },

  /** The persons found (by BSN or by name) in the given activations, as the agency sees them. */
  persons(
    db: EntityManager,
    agency: string,
    activationIds: readonly string[],
    terms: SearchTerms,
  ): Promise<PersonFound[]> {
    if (activationIds.length === 0 || (!terms.bsn && !terms.names)) return Promise.resolve([]);
    const params = new SqlParams();
    const a = params.add(agency);
    const ids = params.add(activationIds);
    const names = namesQuery(params, terms);
    const bsn = terms.bsn ? params.add(terms.bsn) : undefined;
    const rowMatches = [
      ...(bsn ? [`t.person_bsns @> jsonb_build_array(${bsn}::text)`] : []),
      ...(terms.names ? [`t.person_names @@ ${names}`] : []),
    ];
    const subjectMatches = [
      ...(bsn ? [`s.subject->>'bsn' = ${bsn}`] : []),
      ...(terms.names ? [`to_tsvector('simple', coalesce(s.subject->>'name', '')) @@ ${names}`] : []),
    ];
    return db.query(
      `SELECT t.activation_id, t.event_type, t.payload, s.subject
       FROM rm_timeline t CROSS JOIN LATERAL jsonb_array_elements(
         CASE jsonb_typeof(t.payload->'subjects') WHEN 'array' THEN t.payload->'subjects' ELSE '[]' END) AS s(subject)
       WHERE t.agency = ${a} AND t.activation_id = ANY(${ids}::text[]) AND (${rowMatches.join(' OR ')})
         AND (${subjectMatches.join(' OR ')})
       ORDER BY t.activation_id, t.stream_version`,
      params.values,
    );
  },

  /** The timeline entries of the given activations whose narratives match the text. */
  narratives(
    db: EntityManager,
    agency: string,
    activationIds: readonly string[],
    terms: SearchTerms,
  ): Promise<NarrativeFound[]> {
    if (activationIds.length === 0) return Promise.resolve([]);
    const params = new SqlParams();
    const a = params.add(agency);
    const ids = params.add(activationIds);
    const fts = ftsQuery(params, terms);
    return db.query(
      `SELECT activation_id, event_type, payload FROM rm_timeline
       WHERE agency = ${a} AND activation_id = ANY(${ids}::text[]) AND search_document @@ ${fts}
       ORDER BY activation_id, stream_version`,
      params.values,
    );
  },
};
