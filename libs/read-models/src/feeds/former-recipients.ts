import { DataCategory } from '#domain';
import { StoredEvent } from '#events';
import type { FeedRow } from './feed.table.js';

/**
 * An agency no longer entitled to an activation that received data a correction or an erasure is about:
 * it is told (AVG art. 19), redacted with the categories of what it received of that data, in the region
 * its rows of the activation were fed under last.
 */
export interface FormerRecipient {
  readonly agency: string;
  readonly region: string;
  readonly categories: ReadonlySet<DataCategory>;
}

type Received = (row: FeedRow, data: Record<string, unknown>) => boolean;

const entryRow =
  (kind: string, id: unknown): ((row: FeedRow) => boolean) =>
  (row) =>
    kind === 'SIGNAL'
      ? row.event_type === 'signal.recorded' && field(row.payload, 'signalId') === id
      : row.event_type === 'finding.recorded' && field(row.payload, 'findingId') === id;

const carries = (row: FeedRow, category: DataCategory) => row.carried.includes(category);

/**
 * Which rows of an agency's feed received the data an event corrects: the rule decides who is a former
 * recipient, and the categories those rows carried decide what the notice shows it. A rule looks only at
 * what the agency was fed (its own rows, as they were redacted for it), so a former recipient learns of a
 * correction only when it received what is corrected, and nothing of what was recorded after it left.
 * (An erasure is told through the rows its rewrite changed; see `formerRecipients`.)
 */
const RECEIVED: Readonly<Record<string, Received>> = {
  // The person as the entry showed them: the entry, with every category its persons are seen under.
  'subject.corrected': (row, data) =>
    entryRow(String(data.entryKind), data.entryId)(row) &&
    (Array.isArray(data.subjectCategories) ? data.subjectCategories : []).every((c) => carries(row, c)),
  'finding.corrected': (row, data) => entryRow('FINDING', data.findingId)(row),
  'entry.withdrawn': (row, data) => entryRow(String(data.entryKind), data.entryId)(row),
  'location.corrected': (row) => carries(row, DataCategory.LOCATION),
  'employer.corrected': (row) => carries(row, DataCategory.EMPLOYER),
  // Every row of an activation carries its case facts, the region among them.
  'region.corrected': () => true,
};

/** The event types a former recipient is told of. */
export const TOLD_TO_FORMER_RECIPIENTS: ReadonlySet<string> = new Set([
  ...Object.keys(RECEIVED),
  'personal-data.erased',
]);

/**
 * The former recipients of an activation's data that `event` (a correction, or `personal-data.erased`) is
 * about: agencies outside `entitled` whose rows received it. For an erasure those are the rows whose
 * rewrite erased a value they showed (`lost`): an agency that was never shown the erased data (it lacked
 * the categories, or left before it was recorded) is not told. `rows` are every agency's rows of the
 * activation, in feed order.
 */
export function formerRecipients(
  event: StoredEvent,
  rows: readonly FeedRow[],
  entitled: ReadonlySet<string>,
  lost: readonly FeedRow[] = [],
): FormerRecipient[] {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const rule = RECEIVED[event.type];
  const received =
    event.type === 'personal-data.erased' ? lost : rule ? rows.filter((row) => rule(row, data)) : [];
  const lastRegion = new Map(rows.map((row) => [row.agency, row.region ?? '']));
  const categories = new Map<string, Set<DataCategory>>();
  for (const row of received) {
    if (entitled.has(row.agency)) continue;
    const of = categories.get(row.agency) ?? new Set<DataCategory>();
    row.carried.filter((c) => !row.withheld.includes(c)).forEach((c) => of.add(c));
    categories.set(row.agency, of);
  }
  return [...categories].map(([agency, of]) => ({
    agency,
    region: lastRegion.get(agency) ?? '',
    categories: of,
  }));
}

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[name]
    : undefined;
}
