import { EntityManager } from 'typeorm';
import {
  AgencyCode,
  AgreementEvent,
  AgreementInForceView,
  categoriesInForce,
  DataCategory,
  evolveAgreement,
  Instant,
  initialAgreementState,
  SafetyRegion,
} from '#domain';
import { agreementIdOfStream, StoredEvent } from '#events';
import { AgreementsTable, agreementsTable, toAgreementState, toInForceView } from './agreements.table.js';

const DECISIONS_ONLY = new Set(['agreement.proposed', 'agreement.amendment-proposed', 'agreement.rejected']);

/**
 * The agreements as a projector sees them, inside its transaction: it keeps its agreements table current
 * and answers which categories an agency may see of an activation in a region, now.
 */
export class AgreementGrants {
  /** Every agreement, by agency: the table is small, so one read serves the whole batch. */
  private byAgency?: Map<string, AgreementInForceView[]>;
  private readonly inForce = new Map<string, ReadonlySet<DataCategory>>();

  constructor(
    private readonly tx: EntityManager,
    private readonly clock: () => Date = () => new Date(),
    /** The read models and the feeds each keep their own copy, each as of its own subscription. */
    private readonly table: AgreementsTable = 'rm_agreements',
  ) {}

  /** Applies an agreement event to the table and returns the agency whose rights it changed. */
  async apply(event: StoredEvent): Promise<string | undefined> {
    const agreementId = agreementIdOfStream(event.streamId) ?? event.streamId;
    const row = await agreementsTable.find(this.tx, this.table, agreementId);
    const state = evolveAgreement(row ? toAgreementState(row) : initialAgreementState, {
      type: event.type,
      data: event.data,
    } as AgreementEvent);
    if (!state.recorded) return undefined;
    // The agency's rows are re-projected now (apply's caller), with the grants of this moment: a start that
    // has come takes effect with it, as of the later of the start and the event (so a rebuild says the same).
    const validFrom = Date.parse(state.validFrom);
    const tookEffectAt =
      validFrom <= this.clock().getTime()
        ? new Date(Math.max(validFrom, Date.parse(event.occurredAt)))
        : null;
    await agreementsTable.put(this.tx, this.table, state, { ...event, tookEffectAt });
    this.byAgency = undefined;
    this.inForce.clear();
    // A proposal, or its rejection, changes nothing the agency sees: only what is in force does.
    return DECISIONS_ONLY.has(event.type) ? undefined : state.agency;
  }

  /** `activity`: only agreements serving that processing activity count; any agreement when absent. */
  async categoriesFor(agency: string, region: string, activity?: string): Promise<ReadonlySet<DataCategory>> {
    // One answer per agency, region and activity for the whole batch: a batch is short, and agreement events clear it.
    const key = `${agency}\u0000${region}\u0000${activity ?? ''}`;
    const known = this.inForce.get(key);
    if (known) return known;
    this.byAgency ??= await this.loadAll();
    const categories = categoriesInForce(
      this.byAgency.get(agency) ?? [],
      agency as AgencyCode,
      region as SafetyRegion,
      this.clock().toISOString() as Instant,
      activity,
    );
    this.inForce.set(key, categories);
    return categories;
  }

  private async loadAll(): Promise<Map<string, AgreementInForceView[]>> {
    const byAgency = new Map<string, AgreementInForceView[]>();
    for (const row of await agreementsTable.all(this.tx, this.table)) {
      byAgency.set(row.agency, [...(byAgency.get(row.agency) ?? []), toInForceView(row)]);
    }
    return byAgency;
  }
}
