import { EntityManager } from 'typeorm';
import {
  AgencyCode,
  AgreementEvent,
  AgreementInForceView,
  AgreementState,
  categoriesInForce,
  DataCategory,
  evolveAgreement,
  Instant,
  initialAgreementState,
  SafetyRegion,
} from '#domain';
import { StoredEvent } from '#events';

/** An rm_agreements (or feed_agreements) row: the projector writes it, the api reads it. */
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
}

/**
 * The agreements as the projector sees them, inside its transaction: it keeps rm_agreements current and
 * answers which categories an agency may see of an activation in a region, now.
 */
export class AgreementGrants {
  /** Every agreement, by agency: the table is small, so one read serves the whole batch. */
  private byAgency?: Map<string, AgreementInForceView[]>;
  private readonly inForce = new Map<string, ReadonlySet<DataCategory>>();

  constructor(
    private readonly tx: EntityManager,
    private readonly clock: () => Date = () => new Date(),
    /** The read models and the feeds each keep their own copy, each as of its own subscription. */
    private readonly table: 'rm_agreements' | 'feed_agreements' = 'rm_agreements',
  ) {}

  /** Applies an agreement event to rm_agreements and returns the agency whose rights it changed. */
  async apply(event: StoredEvent): Promise<string | undefined> {
    const agreementId = event.streamId.replace(/^agreement-/, '');
    const [row]: AgreementRow[] = await this.tx.query(`SELECT * FROM ${this.table} WHERE agreement_id = $1`, [
      agreementId,
    ]);
    const state = evolveAgreement(row ? toState(row) : initialAgreementState, {
      type: event.type,
      data: event.data,
    } as AgreementEvent);
    if (!state.granted) return undefined;
    await this.tx.query(
      `INSERT INTO ${this.table} (agreement_id, agency, categories, purpose, legal_basis, legal_reference,
         valid_from, valid_until, region_scope, granted_by, status, stream_version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (agreement_id) DO UPDATE SET categories = EXCLUDED.categories, purpose = EXCLUDED.purpose,
         legal_basis = EXCLUDED.legal_basis, legal_reference = EXCLUDED.legal_reference,
         valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, region_scope = EXCLUDED.region_scope,
         status = EXCLUDED.status, stream_version = EXCLUDED.stream_version, updated_at = EXCLUDED.updated_at`,
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
        event.streamVersion,
        event.occurredAt,
      ],
    );
    this.byAgency = undefined;
    this.inForce.clear();
    return state.agency;
  }

  async categoriesFor(agency: string, region: string): Promise<ReadonlySet<DataCategory>> {
    // One answer per agency and region for the whole batch: a batch is short, and agreement events clear it.
    const key = `${agency}\u0000${region}`;
    const known = this.inForce.get(key);
    if (known) return known;
    this.byAgency ??= await this.loadAll();
    const categories = categoriesInForce(
      this.byAgency.get(agency) ?? [],
      agency as AgencyCode,
      region as SafetyRegion,
      this.clock().toISOString() as Instant,
    );
    this.inForce.set(key, categories);
    return categories;
  }

  private async loadAll(): Promise<Map<string, AgreementInForceView[]>> {
    const rows: AgreementRow[] = await this.tx.query(`SELECT * FROM ${this.table}`);
    const byAgency = new Map<string, AgreementInForceView[]>();
    for (const row of rows) byAgency.set(row.agency, [...(byAgency.get(row.agency) ?? []), toView(row)]);
    return byAgency;
  }
}

function toView(row: AgreementRow): AgreementInForceView {
  return {
    agency: row.agency,
    categories: row.categories,
    status: row.status as AgreementInForceView['status'],
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    regionScope: row.region_scope,
  };
}

/** The row was written from a decided (validated) event, so its values are the domain's branded ones. */
function toState(row: AgreementRow): AgreementState {
  const state = {
    granted: true,
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
  };
  return state as unknown as AgreementState;
}
