import { EntityManager } from 'typeorm';
import { DataCategory } from '#domain';
import { ActivationFacts } from '../case-facts/activation-facts.js';
import { instantKey, SqlParams } from '../sql/sql-params.js';

/**
 * rm_activations: one list row per agency and activation it sees, with the case facts (CASE) and the
 * location, employer and outcome as that agency's agreements allow, and the statistics view over it
 * (rm_activation_statistics, security_invoker so row-level security holds through it). The projector
 * writes it; the api reads it as keten_api, under row-level security for the reader's agency.
 */

/**
 * What the projector writes for one agency. The outcome is the strongest measure imposed, an INTERVENTION
 * fact: an agency without that category does not learn that a measure was imposed at all (null, counted
 * as NONE in statistics).
 */
export interface ActivationListEntry {
  agency: string;
  facts: ActivationFacts;
  location: unknown;
  employer: unknown;
  /** The title as the agency may read it (a narrative, or null when withheld), set at opening. */
  title?: unknown;
  outcome: ActivationFacts['strongestMeasure'];
  withheld: DataCategory[];
  /** Users of this agency who acted on the activation (this event's actor, when of this agency). */
  actors?: string[];
}

/** A row as the api reads it; `opened_key` is opened_at to the microsecond, for cursors. */
export interface ActivationListRow {
  activation_id: string;
  case_number: string | null;
  title: unknown;
  kind: string;
  trigger: string;
  themes: string[];
  region: string;
  municipality: string;
  status: string;
  lead_agency: string;
  participants: string[];
  integrated: boolean | null;
  outcome: string | null;
  location: unknown;
  employer: unknown;
  withheld: string[];
  stream_version: number;
  opened_at: Date;
  closed_at: Date | null;
  updated_at: Date;
  /** When its location, employer or region was last corrected (AVG art. 16); null when never. */
  corrected_at: Date | null;
  opened_key: string;
}

/** A correction of the activation itself as one agency sees it: the values it may see, and when. */
export interface ActivationCorrection {
  agency: string;
  activationId: string;
  location?: unknown;
  employer?: unknown;
  at: string;
}

/** What the accountability figures count of an activation (all CASE). */
export interface ActivationFigureRow {
  activation_id: string;
  region: string;
  participants: string[];
  opened_at: Date;
  closed_at: Date | null;
}

/** Which activations a list or a count is about; every part is optional and the parts combine with AND. */
export interface ActivationScope {
  readonly region?: string;
  readonly kind?: string;
  /** Activations that have this theme (among others). */
  readonly theme?: string;
  readonly trigger?: string;
  /** Opened at or after this moment. */
  readonly from?: string;
  /** Opened before this moment. */
  readonly to?: string;
  /**
   * Only activations in these regions (the read's processing activity grants CASE of them only); every
   * region when absent.
   */
  readonly caseRegions?: readonly string[];
  /**
   * The regions whose outcomes the reader may see (its activity grants INTERVENTION there): elsewhere an
   * outcome counts as NOT_VISIBLE, never as NONE. Every region when absent.
   */
  readonly outcomeRegions?: readonly string[];
}

export interface ActivationListQuery {
  readonly scope: ActivationScope;
  /** One activation by its case number (exact, canonical form). */
  readonly caseNumber?: string;
  /** Only activations the agency takes part in ("my cases"), not those it sees as coordinator. */
  readonly participating?: boolean;
  /** Only activations this user (of the agency) acted on. */
  readonly actedBy?: string;
  readonly municipality?: string;
  readonly status?: string;
  /** The sort key of the last row of the previous page: opened_key and activation id. */
  readonly after?: readonly [string, string];
  readonly limit: number;
}

/** One count of the statistics: `dimension` is the view's column grouped by (or 'total'). */
export interface StatisticsCount {
  dimension: string;
  key: string | null;
  count: number;
}

/** The columns of the statistics view the api breaks the count down by. */
export const STATISTICS_DIMENSIONS = [
  'kind',
  'theme',
  'trigger',
  'integrated',
  'outcome',
  'region',
  'month',
] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** The columns of a list row, of the table under `alias` (none: unqualified). */
export function activationListColumns(alias?: string): string {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return [
    'activation_id',
    'case_number',
    'title',
    'kind',
    'trigger',
    'themes',
    'region',
    'municipality',
    'status',
    'lead_agency',
    'participants',
    'integrated',
    'outcome',
    'location',
    'employer',
    'withheld',
    'stream_version',
    'opened_at',
    'closed_at',
    'updated_at',
    'corrected_at',
  ]
    .map(c)
    .concat(`${instantKey(c('opened_at'))} AS opened_key`)
    .join(', ');
}

const COLUMNS = activationListColumns();

export const activationsTable = {
  /**
   * Inserts list rows, or refreshes their case facts while keeping the location and employer set at
   * opening; the withheld categories add up over the events (what any event the agency sees withholds).
   */
  async put(tx: EntityManager, entries: readonly ActivationListEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(
      ({ agency, facts: f, location, employer, title, outcome, withheld, actors }) => ({
        agency,
        activation_id: f.activationId,
        case_number: f.caseNumber ?? null,
        title: title ?? null,
        region: f.region,
        municipality: f.municipality,
        kind: f.kind,
        trigger: f.trigger,
        themes: f.themes,
        status: f.status,
        lead_agency: f.leadAgency,
        participants: f.participants,
        integrated: f.integratedDeployment ?? null,
        outcome,
        location: location ?? null,
        employer: employer ?? null,
        withheld,
        actors: actors ?? [],
        stream_version: f.streamVersion,
        opened_at: f.openedAt,
        closed_at: f.closedAt,
        updated_at: f.updatedAt,
      }),
    );
    // One JSON parameter instead of a column array each: far less encoding on both sides of the wire.
    await tx.query(
      `INSERT INTO rm_activations (agency, activation_id, case_number, title, region, municipality, kind, trigger, themes, status,
         lead_agency, participants, integrated, outcome, location, employer, withheld, actors, stream_version,
         opened_at, closed_at, updated_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(agency text, activation_id text, case_number text,
         title jsonb, region text,
         municipality text, kind text, trigger text, themes text[], status text, lead_agency text,
         participants text[], integrated boolean, outcome text, location jsonb, employer jsonb, withheld text[],
         actors text[], stream_version int, opened_at timestamptz, closed_at timestamptz, updated_at timestamptz)
       ON CONFLICT (agency, activation_id) DO UPDATE SET
         case_number = EXCLUDED.case_number,
         region = EXCLUDED.region, municipality = EXCLUDED.municipality,
         kind = EXCLUDED.kind, status = EXCLUDED.status, lead_agency = EXCLUDED.lead_agency,
         participants = EXCLUDED.participants,
         integrated = EXCLUDED.integrated, outcome = EXCLUDED.outcome, stream_version = EXCLUDED.stream_version,
         closed_at = EXCLUDED.closed_at, updated_at = EXCLUDED.updated_at,
         withheld = ARRAY(SELECT DISTINCT c FROM unnest(rm_activations.withheld || EXCLUDED.withheld) c ORDER BY c),
         actors = ARRAY(SELECT DISTINCT u FROM unnest(rm_activations.actors || EXCLUDED.actors) u ORDER BY u)`,
      [JSON.stringify(rows)],
    );
  },

  /** The corrected location or employer, as the agency may see them, and the mark of the correction. */
  async correct(tx: EntityManager, corrections: readonly ActivationCorrection[]): Promise<void> {
    for (const c of corrections) {
      await tx.query(
        `UPDATE rm_activations SET
           location = CASE WHEN $3 THEN $4::jsonb ELSE location END,
           employer = CASE WHEN $5 THEN $6::jsonb ELSE employer END,
           corrected_at = $7::timestamptz
         WHERE agency = $1 AND activation_id = $2`,
        [
          c.agency,
          c.activationId,
          c.location !== undefined,
          JSON.stringify(c.location ?? null),
          c.employer !== undefined,
          JSON.stringify(c.employer ?? null),
          c.at,
        ],
      );
    }
  },

  async remove(tx: EntityManager, agency: string, activationId?: string): Promise<void> {
    await tx.query(
      `DELETE FROM rm_activations WHERE agency = $1 AND ($2::text IS NULL OR activation_id = $2)`,
      [agency, activationId ?? null],
    );
  },

  async find(
    db: EntityManager,
    agency: string,
    activationId: string,
  ): Promise<ActivationListRow | undefined> {
    const [row]: ActivationListRow[] = await db.query(
      `SELECT ${COLUMNS} FROM rm_activations WHERE agency = $1 AND activation_id = $2`,
      [agency, activationId],
    );
    return row;
  },

  /**
   * A data subject's access request: the agency's list rows of the activations its own timeline rows name
   * the person in (the BSN the read set; migration 1795400000265), by activation id. Row-level security
   * shows a privacy officer these rows only.
   */
  accessRequestActivations(db: EntityManager, agency: string): Promise<ActivationListRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM rm_activations
       WHERE agency = $1 AND activation_id IN (SELECT access_request_activations()) ORDER BY activation_id`,
      [agency],
    );
  },

  async exists(db: EntityManager, agency: string, activationId: string): Promise<boolean> {
    const [{ found }] = await db.query(
      `SELECT EXISTS (SELECT FROM rm_activations WHERE agency = $1 AND activation_id = $2) AS found`,
      [agency, activationId],
    );
    return found;
  },

  /** A page of the agency's list, newest first (opened at, then id, descending); `limit` rows at most. */
  page(db: EntityManager, agency: string, query: ActivationListQuery): Promise<ActivationListRow[]> {
    const params = new SqlParams();
    const conditions = [
      `a.agency = ${params.add(agency)}`,
      ...scopeConditions(query.scope, params, 'a'),
      ...params.when(query.municipality, (p) => `a.municipality = ${p}`),
      ...params.when(query.status, (p) => `a.status = ${p}`),
      ...params.when(query.caseNumber, (p) => `a.case_number = ${p}`),
      ...(query.participating ? [`a.agency = ANY(a.participants)`] : []),
      ...params.when(query.actedBy, (p) => `${p} = ANY(a.actors)`),
      ...(query.after
        ? [
            `(a.opened_at, a.activation_id) < (${params.add(query.after[0])}::timestamptz, ${params.add(query.after[1])})`,
          ]
        : []),
    ];
    return db.query(
      `SELECT ${COLUMNS} FROM rm_activations a WHERE ${conditions.join(' AND ')}
       ORDER BY a.opened_at DESC, a.activation_id DESC LIMIT ${params.add(query.limit)}`,
      params.values,
    );
  },

  /** The case facts of every activation in scope the agency sees, for the accountability figures. */
  inScope(db: EntityManager, agency: string, scope: ActivationScope): Promise<ActivationFigureRow[]> {
    const params = new SqlParams();
    const conditions = [`a.agency = ${params.add(agency)}`, ...scopeConditions(scope, params, 'a')];
    return db.query(
      `SELECT a.activation_id, a.region, a.participants, a.opened_at, a.closed_at
       FROM rm_activations a WHERE ${conditions.join(' AND ')} ORDER BY a.activation_id`,
      params.values,
    );
  },

  /**
   * How many activations in scope the agency sees, in total and per value of each dimension. The view
   * has one row per activation and theme; the scope picks activations, never single themes.
   */
  statistics(db: EntityManager, agency: string, scope: ActivationScope): Promise<StatisticsCount[]> {
    const params = new SqlParams();
    const agencyParam = params.add(agency);
    const conditions = [`s.agency = ${agencyParam}`];
    const inScope = scopeConditions(scope, params, 'a');
    if (inScope.length) {
      conditions.push(
        `s.activation_id IN (SELECT a.activation_id FROM rm_activations a WHERE a.agency = ${agencyParam} AND ${inScope.join(' AND ')})`,
      );
    }
    const outcome = scope.outcomeRegions
      ? `CASE WHEN s.region = ANY(${params.add(scope.outcomeRegions)}) THEN coalesce(s.outcome, 'NONE') ELSE 'NOT_VISIBLE' END`
      : `coalesce(s.outcome, 'NONE')`;
    const grouped = (column: string) => `GROUPING(${column}) = 0`;
    return db.query(
      `WITH scoped AS (
         SELECT s.activation_id, s.kind, s.theme, s.trigger, s.region,
                CASE s.integrated WHEN true THEN 'YES' WHEN false THEN 'NO' ELSE 'UNDECIDED' END AS integrated,
                ${outcome} AS outcome, to_char(s.month, 'YYYY-MM') AS month
         FROM rm_activation_statistics s
         WHERE ${conditions.join(' AND ')}
       )
       SELECT CASE ${STATISTICS_DIMENSIONS.map((c) => `WHEN ${grouped(c)} THEN '${c}'`).join(' ')} ELSE 'total' END AS dimension,
              coalesce(${STATISTICS_DIMENSIONS.join(', ')}) AS key,
              count(DISTINCT activation_id)::int AS count
       FROM scoped
       GROUP BY GROUPING SETS ((), ${STATISTICS_DIMENSIONS.map((c) => `(${c})`).join(', ')})`,
      params.values,
    );
  },
};

function scopeConditions(scope: ActivationScope, params: SqlParams, alias: string): string[] {
  return [
    ...params.when(scope.region, (p) => `${alias}.region = ${p}`),
    ...params.when(scope.kind, (p) => `${alias}.kind = ${p}`),
    ...params.when(scope.theme, (p) => `${p} = ANY(${alias}.themes)`),
    ...params.when(scope.trigger, (p) => `${alias}.trigger = ${p}`),
    ...params.when(scope.from, (p) => `${alias}.opened_at >= ${p}::timestamptz`),
    ...params.when(scope.to, (p) => `${alias}.opened_at < ${p}::timestamptz`),
    ...params.when(scope.caseRegions, (p) => `${alias}.region = ANY(${p})`),
  ];
}
