import { EntityManager } from 'typeorm';
import {
  AgencyCode,
  ALL_SAFETY_REGIONS,
  AgreementInForceView,
  categoriesInForce,
  DataCategory,
  Instant,
  SafetyRegion,
} from '#domain';
import { redact } from '#events';
import type { ActivationListRow, ActivationScope } from '../activation-list/activations.table.js';
import { outcomeVisibleWith } from '../activation-list/activation-outcome.js';
import type { InboxRow } from '../inbox/inbox.table.js';
import type { TimelineRow } from '../timeline/timeline.table.js';
import { agreementsTable, toInForceView } from './agreements.table.js';

/** Every safety region: an agreement's region scope is one of them. */
const REGIONS = ALL_SAFETY_REGIONS;

/** Whether the agency's agreements in force serve the activity: some do, others only, or it has none. */
export type ActivityServed = 'served' | 'not-served' | 'none';

/**
 * Purpose limitation on the api's reads: the read models hold what an agency may see through all its
 * agreements in force (the projector redacts once, for every activity), and a read sees only what the
 * agreements serving its declared processing activity allow. This narrows each row by the one redaction
 * function with the activity's categories, for the row's region. When every agreement the agency has in
 * force serves the activity there is nothing to narrow and rows pass as they are (the usual case).
 *
 * Narrowing can only withhold more. A row of an activation whose CASE the activity does not grant is not
 * shown (its list row) or shown as the timeline shows an activation without CASE (events of the categories
 * it grants only), exactly as when the agency had only those agreements.
 */
export class ActivityView {
  private readonly byRegion = new Map<string, { activity: Set<DataCategory>; all: Set<DataCategory> }>();
  /** False when the activity's categories equal all the agency's categories in every region. */
  readonly narrows: boolean;
  readonly served: ActivityServed;

  private constructor(
    private readonly agency: AgencyCode,
    readonly activity: string,
    private readonly agreements: readonly AgreementInForceView[],
    private readonly at: Instant,
  ) {
    let narrows = false;
    let anyServed = false;
    let anyInForce = false;
    for (const region of REGIONS) {
      const { activity: granted, all } = this.grants(region);
      if (granted.size !== all.size) narrows = true;
      if (granted.size > 0) anyServed = true;
      if (all.size > 0) anyInForce = true;
    }
    this.narrows = narrows;
    this.served = anyServed ? 'served' : anyInForce ? 'not-served' : 'none';
  }

  /** The agency's agreements as its read models' projector last applied them (rm_agreements), now. */
  static async load(
    db: EntityManager,
    agency: string,
    activity: string,
    now: Date = new Date(),
  ): Promise<ActivityView> {
    const rows = await agreementsTable.ofAgency(db, agency);
    return new ActivityView(
      agency as AgencyCode,
      activity,
      rows.map(toInForceView),
      now.toISOString() as Instant,
    );
  }

  /**
   * The categories the activity grants of an activation in `region`. Without a region (an activation the
   * agency sees without CASE, so without its region) only agreements for every region count.
   */
  categories(region: string | undefined): ReadonlySet<DataCategory> {
    return this.grants(region ?? '').activity;
  }

  /**
   * The regions whose activations the activity lets the agency see `category` of, for list and count
   * queries to filter by; undefined when the activity narrows nothing (no filter needed).
   */
  regionsWith(category: DataCategory): readonly string[] | undefined {
    if (!this.narrows) return undefined;
    return REGIONS.filter((region) => this.grants(region).activity.has(category));
  }

  /**
   * A list or count scope limited to what the activity lets the agency see: CASE (when it narrows), and the
   * regions whose outcomes it may count (always: an outcome it may not see is counted as not visible).
   */
  scope<S extends ActivationScope>(scope: S): S {
    return {
      ...scope,
      ...(this.narrows && { caseRegions: this.regionsWith(DataCategory.CASE) }),
      outcomeRegions: REGIONS.filter((region) => this.measuresVisible(region)),
    };
  }

  /** Whether the read may see the measures (INTERVENTION) of an activation in `region`. */
  measuresVisible(region: string | undefined): boolean {
    return this.categories(region).has(DataCategory.INTERVENTION);
  }

  /** The list row as the activity may see it, or undefined when it grants no CASE of its region. */
  activation(row: ActivationListRow): ActivationListRow | undefined {
    if (!this.narrows) return row;
    const granted = this.categories(row.region);
    if (!granted.has(DataCategory.CASE)) return undefined;
    // Location, employer and title are activation.opened's redacted parts: narrowed as that event's fields.
    const opened = redact(
      {
        type: 'activation.opened',
        data: { location: row.location, employer: row.employer, title: row.title },
      },
      granted,
    );
    const data = (opened?.data ?? {}) as { location?: unknown; employer?: unknown; title?: unknown };
    return {
      ...row,
      location: data.location ?? null,
      employer: data.employer ?? null,
      title: data.title ?? null,
      outcome: outcomeVisibleWith(granted, row.outcome),
      withheld: union(row.withheld, opened?.withheld ?? []),
    };
  }

  /**
   * Timeline rows of an activation in `region` as the activity may see them; the others left out. The
   * agency's own entries pass whole (the projector shows an author all it recorded).
   */
  timeline(region: string | undefined, rows: readonly TimelineRow[]): TimelineRow[] {
    if (!this.narrows) return [...rows];
    const granted = this.categories(region);
    const shown: TimelineRow[] = [];
    for (const row of rows) {
      // What the agency recorded itself is its own, not shared with it: no agreement narrows it.
      if (row.acting_agency === this.agency) {
        shown.push(row);
        continue;
      }
      const visible = redact({ type: row.event_type, data: row.payload }, granted);
      if (visible)
        shown.push({ ...row, payload: visible.data, withheld: union(row.withheld, visible.withheld) });
    }
    return shown;
  }

  /**
   * An inbox item as the activity may read its reason (the case summary is CASE level, addressed to the
   * agency whatever it may see; a referral's reason as its addressee may read it).
   */
  inboxItem(row: InboxRow): InboxRow {
    if (!this.narrows) return row;
    const region = typeof row.activation.region === 'string' ? row.activation.region : undefined;
    const granted = new Set(this.categories(region));
    if (row.kind === 'REFERRAL') granted.add(DataCategory.INTERVENTION);
    const visible = redact(
      { type: row.kind === 'REFERRAL' ? 'referral.made' : 'agency.invited', data: { reason: row.reason } },
      granted,
    );
    const reason = (visible?.data as { reason?: unknown } | undefined)?.reason ?? null;
    return { ...row, reason, withheld: union(row.withheld, visible?.withheld ?? []) };
  }

  private grants(region: string): { activity: Set<DataCategory>; all: Set<DataCategory> } {
    let known = this.byRegion.get(region);
    if (!known) {
      const of = (activity?: string) =>
        categoriesInForce(this.agreements, this.agency, region as SafetyRegion, this.at, activity);
      known = { activity: of(this.activity), all: of() };
      this.byRegion.set(region, known);
    }
    return known;
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
