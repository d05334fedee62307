import { EntityManager } from 'typeorm';
import { AgreementInForceView, AgreementStatus, PendingProposal, RecordedAgreement } from '#domain';

/**
 * The agreements tables: one row per agreement with its terms as they stand. The read models keep
 * rm_agreements (which the api reads, under row-level security), the feeds feed_agreements, each as of
 * its own subscription.
 */
export type AgreementsTable = 'rm_agreements' | 'feed_agreements';

export interface AgreementRow {
  agreement_id: string;
  agency: string;
  categories: string[];
  purpose: string;
  legal_basis: string;
  legal_reference: string;
  valid_from: Date;
  valid_until: Date | null;
  region_scope: string | null;
  granted_by: string;
  status: string;
  /** The other party (null for agreements recorded before four eyes). */
  approver_agency: string | null;
  approved_by: string | null;
  activities: string[];
  /** The proposal waiting for the other party, as the decider's state holds it. */
  pending: PendingProposal | null;
  stream_version: number;
  updated_at: Date;
}

const COLUMNS = `agreement_id, agency, categories, purpose, legal_basis, legal_reference, valid_from,
  valid_until, region_scope, granted_by, status, approver_agency, approved_by, activities, pending,
  stream_version, updated_at`;

export interface AgreementListFilter {
  /** Only this agency's; every agency's when absent. */
  readonly agency?: string;
  readonly status?: string;
  /** Only agreements this agency is party to (as recipient or as the approving party). */
  readonly party?: string;
}

export const agreementsTable = {
  async find(
    tx: EntityManager,
    table: AgreementsTable,
    agreementId: string,
  ): Promise<AgreementRow | undefined> {
    const [row]: AgreementRow[] = await tx.query(`SELECT ${COLUMNS} FROM ${table} WHERE agreement_id = $1`, [
      agreementId,
    ]);
    return row;
  },

  all(tx: EntityManager, table: AgreementsTable): Promise<AgreementRow[]> {
    return tx.query(`SELECT ${COLUMNS} FROM ${table}`);
  },

  /**
   * Writes the agreement as its stream now stands. `tookEffectAt` is the moment its start took effect in
   * the agency's rows, or null while its validFrom lies ahead (the clock applies it then).
   */
  async put(
    tx: EntityManager,
    table: AgreementsTable,
    state: RecordedAgreement,
    at: { streamVersion: number; occurredAt: string; tookEffectAt: Date | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ${table} (agreement_id, agency, categories, purpose, legal_basis, legal_reference,
         valid_from, valid_until, region_scope, granted_by, status, stream_version, updated_at, took_effect_at,
         approver_agency, approved_by, activities, pending)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (agreement_id) DO UPDATE SET categories = EXCLUDED.categories, purpose = EXCLUDED.purpose,
         legal_basis = EXCLUDED.legal_basis, legal_reference = EXCLUDED.legal_reference,
         valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, region_scope = EXCLUDED.region_scope,
         status = EXCLUDED.status, stream_version = EXCLUDED.stream_version, updated_at = EXCLUDED.updated_at,
         took_effect_at = EXCLUDED.took_effect_at, approved_by = EXCLUDED.approved_by,
         activities = EXCLUDED.activities, pending = EXCLUDED.pending`,
      [
        state.agreementId,
        state.agency,
        state.categories,
        state.purpose,
        state.legalBasis.text,
        state.legalBasis.reference,
        state.validFrom,
        state.validUntil ?? null,
        state.regionScope ?? null,
        state.grantedBy,
        state.status,
        at.streamVersion,
        at.occurredAt,
        at.tookEffectAt,
        state.approverAgency ?? null,
        state.approvedBy ?? null,
        state.activities,
        state.pending === undefined ? null : JSON.stringify(state.pending),
      ],
    );
  },

  /** For the api: the agreements the reader may list (row-level security narrows it again). */
  list(db: EntityManager, filter: AgreementListFilter): Promise<AgreementRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM rm_agreements
       WHERE ($1::text IS NULL OR agency = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR agency = $3 OR approver_agency = $3)
       ORDER BY agency, valid_from, agreement_id LIMIT 1000`,
      [filter.agency ?? null, filter.status ?? null, filter.party ?? null],
    );
  },

  /** For the api: the proposals waiting for a decision of `agency`, a party that did not propose them. */
  pendingFor(db: EntityManager, agency: string): Promise<AgreementRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM rm_agreements
       WHERE pending IS NOT NULL AND (agency = $1 OR approver_agency = $1) AND pending->>'proposerAgency' <> $1
       ORDER BY updated_at, agreement_id LIMIT 1000`,
      [agency],
    );
  },

  /** For the api: the agency's agreements in force that end before `until`, soonest first. */
  endingBefore(db: EntityManager, agency: string, until: Date): Promise<AgreementRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM rm_agreements
       WHERE (agency = $1 OR approver_agency = $1) AND status = 'GRANTED'
         AND valid_until IS NOT NULL AND now() < valid_until AND valid_until <= $2
       ORDER BY valid_until, agreement_id`,
      [agency, until.toISOString()],
    );
  },

  /** For the api: the agency's agreements in force now. */
  inForce(db: EntityManager, agency: string): Promise<AgreementRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM rm_agreements
       WHERE agency = $1 AND status = 'GRANTED' AND valid_from <= now() AND (valid_until IS NULL OR now() < valid_until)
       ORDER BY valid_from, agreement_id`,
      [agency],
    );
  },

  /**
   * For the api: whether the agency's agreements in force now serve the processing activity: `served`,
   * `not-served` (it has agreements, none for this activity), or `none` (it has no agreement in force).
   */
  async servesActivity(
    db: EntityManager,
    agency: string,
    activity: string,
  ): Promise<'served' | 'not-served' | 'none'> {
    const [row]: { in_force: number; serving: number }[] = await db.query(
      `SELECT count(*)::int AS in_force, count(*) FILTER (WHERE $2 = ANY (activities))::int AS serving
       FROM rm_agreements
       WHERE agency = $1 AND status = 'GRANTED' AND valid_from <= now() AND (valid_until IS NULL OR now() < valid_until)`,
      [agency, activity],
    );
    return row.serving > 0 ? 'served' : row.in_force > 0 ? 'not-served' : 'none';
  },

  /** For the api: every agreement of the agency, whatever its state (categoriesInForce decides). */
  ofAgency(db: EntityManager, agency: string): Promise<AgreementRow[]> {
    return db.query(`SELECT ${COLUMNS} FROM rm_agreements WHERE agency = $1`, [agency]);
  },

  /** For the clock: agreements in force whose end has come. */
  async endedBy(db: EntityManager, now: Date): Promise<string[]> {
    const rows: { agreement_id: string }[] = await db.query(
      `SELECT agreement_id FROM rm_agreements WHERE status = 'GRANTED' AND valid_until <= $1`,
      [now.toISOString()],
    );
    return rows.map((row) => row.agreement_id);
  },

  /**
   * For the clock: agreements in force whose start has come by `now` but has not taken effect in the
   * agency's rows yet (also when it came while no worker ran), by agency.
   */
  async startsDue(db: EntityManager, now: Date): Promise<Map<string, string[]>> {
    const rows: { agreement_id: string; agency: string }[] = await db.query(
      `SELECT agreement_id, agency FROM rm_agreements
       WHERE status = 'GRANTED' AND took_effect_at IS NULL AND valid_from <= $1 ORDER BY agency`,
      [now.toISOString()],
    );
    const byAgency = new Map<string, string[]>();
    for (const row of rows) byAgency.set(row.agency, [...(byAgency.get(row.agency) ?? []), row.agreement_id]);
    return byAgency;
  },

  /** Records that the agreements' starts took effect, as of their start. */
  async markTookEffect(tx: EntityManager, agreementIds: readonly string[]): Promise<void> {
    await tx.query(`UPDATE rm_agreements SET took_effect_at = valid_from WHERE agreement_id = ANY($1)`, [
      agreementIds,
    ]);
  },
};

/** What categoriesInForce needs of a row. */
export function toInForceView(row: AgreementRow): AgreementInForceView {
  return {
    agency: row.agency,
    categories: row.categories,
    status: row.status as AgreementStatus,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    regionScope: row.region_scope,
    activities: row.activities,
  };
}

/** The decider's state of a row, to apply the next agreement event to. */
export function toAgreementState(row: AgreementRow): RecordedAgreement {
  return {
    recorded: true,
    agreementId: row.agreement_id,
    agency: row.agency,
    categories: row.categories,
    purpose: row.purpose,
    legalBasis: { text: row.legal_basis, reference: row.legal_reference },
    validFrom: row.valid_from.toISOString(),
    ...(row.valid_until ? { validUntil: row.valid_until.toISOString() } : {}),
    ...(row.region_scope ? { regionScope: row.region_scope } : {}),
    grantedBy: row.granted_by,
    status: row.status,
    activities: row.activities,
    ...(row.approver_agency ? { approverAgency: row.approver_agency } : {}),
    ...(row.approved_by ? { approvedBy: row.approved_by } : {}),
    ...(row.pending ? { pending: row.pending } : {}),
  } as unknown as RecordedAgreement;
}
