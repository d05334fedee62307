import { EntityManager } from 'typeorm';
import { DataCategory, FINDING_CATEGORIES, InterventionType } from '#domain';
import { activationsTable, ActivationScope, ActivityView, timelineTable } from '#read-models';
import type { CountByKey } from './statistics.type.js';
import type { ActivityFigures } from './figures.type.js';

const DAY_MS = 86_400_000;
const COUNTED = [
  'inspection.scheduled',
  'inspection.completed',
  'inspection.cancelled',
  'finding.recorded',
  'intervention.imposed',
  'referral.made',
];
const INSPECTIONS: Record<string, string> = {
  'inspection.scheduled': 'SCHEDULED',
  'inspection.completed': 'COMPLETED',
  'inspection.cancelled': 'CANCELLED',
};

/**
 * The figures of what happened in the activations in scope, from the agency's timeline narrowed by the
 * read's activity: only what the agency could read through the timeline query is counted. Where its
 * agreements keep a part from it, `notVisible` says so with the number of activations concerned (a count
 * of activations it sees anyway), never with how much it does not see.
 */
export async function figuresOf(
  db: EntityManager,
  agency: string,
  view: ActivityView,
  scope: ActivationScope,
): Promise<ActivityFigures> {
  const activations = await activationsTable.inScope(db, agency, scope);
  const regionOf = new Map(activations.map((a) => [a.activation_id, a.region]));
  const rows = await timelineTable.ofTypes(db, agency, [...regionOf.keys()], COUNTED);
  const byActivation = new Map<string, typeof rows>();
  for (const row of rows)
    byActivation.set(row.activation_id, [...(byActivation.get(row.activation_id) ?? []), row]);
  const visible = [...byActivation].flatMap(([id, entries]) => view.timeline(regionOf.get(id), entries));

  const measures = counter(Object.values(InterventionType));
  const referrals = counter();
  const inspections = counter(Object.values(INSPECTIONS));
  const findings = counter();
  let fineTotal = 0;
  for (const { event_type: type, payload } of visible) {
    const data = (payload ?? {}) as Record<string, unknown>;
    if (type === 'intervention.imposed' && typeof data.interventionType === 'string') {
      measures.add(data.interventionType);
      if (data.interventionType === InterventionType.FINE && typeof data.amountEuroCents === 'number')
        fineTotal += data.amountEuroCents;
    } else if (type === 'referral.made' && typeof data.toAgency === 'string') referrals.add(data.toAgency);
    else if (type in INSPECTIONS) inspections.add(INSPECTIONS[type]);
    else if (type === 'finding.recorded' && typeof data.category === 'string') findings.add(data.category);
  }

  const participating = counter();
  for (const a of activations) a.participants.forEach((p) => participating.add(p));

  const days = activations
    .filter((a) => a.closed_at !== null)
    .map((a) => (a.closed_at!.getTime() - a.opened_at.getTime()) / DAY_MS)
    .sort((x, y) => x - y);

  const lacking = (categories: readonly DataCategory[]) => {
    const regions = activations.map((a) => categories.filter((c) => !view.categories(a.region).has(c)));
    return {
      activations: regions.filter((missing) => missing.length > 0).length,
      categories: [...new Set(regions.flat())].sort(),
    };
  };
  const measuresHidden = lacking([DataCategory.INTERVENTION]);
  const findingsHidden = lacking(FINDING_CATEGORIES);
  const notVisible = [
    ...['measures', 'fineTotalEuroCents', 'referralsByAgency'].map((figure) => ({
      figure,
      ...measuresHidden,
    })),
    { figure: 'findingsByCategory', ...findingsHidden },
  ].filter((figure) => figure.activations > 0);

  return {
    measures: measures.counts(),
    fineTotalEuroCents: fineTotal,
    referralsByAgency: referrals.counts(),
    inspections: inspections.counts(),
    findingsByCategory: findings.counts(),
    daysToClose: {
      closed: days.length,
      median: median(days),
      p90: days.length ? round(days[Math.ceil(0.9 * days.length) - 1]) : null,
    },
    byParticipatingAgency: participating.counts(),
    notVisible,
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
}

/** Days to one decimal: figures for a report, not timestamps. */
function round(days: number): number {
  return Math.round(days * 10) / 10;
}

/** Counts per key; the fixed keys always listed (zero where none), others after them in order. */
function counter(fixed: readonly string[] = []) {
  const counts = new Map<string, number>(fixed.map((key) => [key, 0]));
  return {
    add: (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1),
    counts: (): CountByKey[] => [
      ...fixed.map((key) => ({ key, count: counts.get(key)! })),
      ...[...counts]
        .filter(([key]) => !fixed.includes(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, count]) => ({ key, count })),
    ],
  };
}
