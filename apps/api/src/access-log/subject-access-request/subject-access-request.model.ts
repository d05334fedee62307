import { ActivationEvent, DataCategory, isActivationEventType } from '#domain';
import { categoriesAt, leavesOf } from '#events';
import type { AccessLogRow, ActivationListRow, FeedDelivery, TimelineRow } from '#read-models';

/*
 * The answer to a data subject's access request (AVG art. 15), built from what the privacy officer's agency
 * holds: the person's values in its timeline rows (as the projector redacted them for it), the agencies
 * whose feeds received those entries, and its own access log. Pure functions over rows; the resolver reads
 * them under row-level security (docs/security.md, "The data subject's access request").
 */

/** The persons an entry names sit here: `subjects[]` of a signal or finding, `subject` of a correction. */
const PERSON_LIST = 'subjects';
const PERSON_ENTRY = 'subject';

/**
 * Values of an entry naming the person that are someone else's: the reporter of a signal (who may need
 * protecting). Left out of the answer (art. 15(4): the rights of others), as are the other persons.
 */
const THIRD_PARTY_FIELDS = ['source'] as const;

type Json = Record<string, unknown>;

/** A timeline row of the agency, with its activation. */
export type HeldEntry = TimelineRow & { activation_id: string };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One entry of the agency's holding that records something of the person. */
export interface RecordedEntry {
  eventId: string;
  type: string;
  occurredAt: string;
  /** The agency whose user recorded it. */
  recordedBy: string;
  /** The categories of the person's values the agency holds in it (PERSONAL, and HEALTH or CRIMINAL). */
  categories: DataCategory[];
  /** The categories the agency's row of this entry withholds (what it may not see stays withheld). */
  withheld: string[];
  corrected: boolean;
  withdrawn: boolean;
  /** The person as the entry names them, as the agency holds it: subject id, name, BSN, … */
  person: Json[];
  /** The rest of the entry, without other persons and without the reporter. */
  context: Json;
}

/** One activation of the agency's holding that names the person. */
export interface ActivationOfPerson {
  activationId: string;
  caseNumber: string | null;
  region: string | null;
  municipality: string | null;
  leadAgency: string | null;
  openedAt: string | null;
  /** The ids the case gave the person (subjectId): one person may be several subjects in one case. */
  subjectIds: string[];
  entries: RecordedEntry[];
}

/** An agency whose feed received the person's values in one entry. */
export interface Receipt {
  activationId: string;
  eventId: string;
  eventType: string;
  receivedAt: string;
  /** The categories of the person's values the agency's feed row carried (of those the officer's agency holds). */
  categories: DataCategory[];
}

export interface Recipient {
  agency: string;
  categories: DataCategory[];
  firstReceivedAt: string;
  lastReceivedAt: string;
  receipts: Receipt[];
}

/** A read of the person's data by the privacy officer's agency (the access log). */
export interface LoggedRead {
  recordedAt: string;
  agency: string;
  role: string;
  activity: string;
  categories: string[];
  activationId: string;
  operation: string;
  traceId: string;
}

export interface SubjectAccessAnswer {
  /** Which document this is: for clients that read it again later. */
  kind: 'keten.subject-access-request';
  version: 2;
  dataSubject: { bsn: string; pseudonym: string; type: 'BSN' };
  answeredBy: { agency: string; userId: string; at: string };
  /** What the answer covers, and what it does not (in Dutch, for the data subject). */
  scope: string[];
  activations: ActivationOfPerson[];
  recipients: Recipient[];
  accessLog: { agency: string; reads: LoggedRead[] };
}

function personsIn(payload: Json): unknown[] {
  return [
    ...(Array.isArray(payload[PERSON_LIST]) ? (payload[PERSON_LIST] as unknown[]) : []),
    ...(PERSON_ENTRY in payload ? [payload[PERSON_ENTRY]] : []),
  ];
}

/** The subject ids the activation's entries give the person with this BSN. */
function subjectIdsOf(entries: readonly HeldEntry[], bsn: string): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!isObject(entry.payload)) continue;
    for (const subject of personsIn(entry.payload))
      if (isObject(subject) && subject.bsn === bsn && typeof subject.subjectId === 'string')
        ids.add(subject.subjectId);
  }
  return ids;
}

function isPerson(subject: unknown, bsn: string, subjectIds: ReadonlySet<string>): subject is Json {
  if (!isObject(subject)) return false;
  return subject.bsn === bsn || (typeof subject.subjectId === 'string' && subjectIds.has(subject.subjectId));
}

/**
 * The categories of each of the person's values in the entry as the agency holds it (a field's categories:
 * the one redaction shows it only to an agency holding all of them), by the catalogue; distinct sets. A
 * withheld value is null there, so its category is never named. An entry of a type the catalogue does not
 * classify counts as PERSONAL only (the person's object is there).
 */
function personFieldCategories(type: string, payload: Json, person: ReadonlySet<unknown>): DataCategory[][] {
  if (!isActivationEventType(type)) return [[DataCategory.PERSONAL]];
  const found = new Map<string, DataCategory[]>();
  const classified = { type, data: payload } as unknown as ActivationEvent;
  for (const leaf of leavesOf(payload)) {
    const [head, index] = leaf.location;
    const owner =
      head === PERSON_ENTRY
        ? payload[PERSON_ENTRY]
        : head === PERSON_LIST && Array.isArray(payload[PERSON_LIST])
          ? (payload[PERSON_LIST] as unknown[])[index as number]
          : undefined;
    if (!person.has(owner) || leaf.value === null) continue;
    const categories = [...(categoriesAt(classified, leaf.path) ?? [])].sort();
    if (categories.length) found.set(categories.join(), categories);
  }
  return [...found.values()];
}

/** The category sets of the person's values in each entry, for recipientsOf (not part of the answer). */
const fieldCategories = new WeakMap<RecordedEntry, DataCategory[][]>();

/**
 * What the agency's entries of one activation hold of the person; undefined when none names them. `row`
 * is the agency's list row (absent when it sees the activation without CASE).
 */
export function activationOfPerson(
  activationId: string,
  held: readonly HeldEntry[],
  row: ActivationListRow | undefined,
  bsn: string,
): ActivationOfPerson | undefined {
  const subjectIds = subjectIdsOf(held, bsn);
  const entries: RecordedEntry[] = [];
  for (const entry of held) {
    if (!isObject(entry.payload)) continue;
    const payload = entry.payload;
    const person = personsIn(payload).filter((subject) => isPerson(subject, bsn, subjectIds));
    if (person.length === 0) continue;
    const context: Json = { ...payload };
    for (const field of [PERSON_LIST, PERSON_ENTRY, ...THIRD_PARTY_FIELDS]) delete context[field];
    const fields = personFieldCategories(entry.event_type, payload, new Set(person));
    const recorded: RecordedEntry = {
      eventId: entry.event_id,
      type: entry.event_type,
      occurredAt: new Date(entry.occurred_at).toISOString(),
      recordedBy: entry.acting_agency,
      categories: [...new Set(fields.flat())].sort(),
      withheld: [...entry.withheld].sort(),
      corrected: (entry.corrected_at ?? null) !== null,
      withdrawn: (entry.withdrawn_at ?? null) !== null,
      person,
      context,
    };
    fieldCategories.set(recorded, fields);
    entries.push(recorded);
  }
  if (entries.length === 0) return undefined;
  return {
    activationId,
    caseNumber: row?.case_number ?? null,
    region: row?.region ?? null,
    municipality: row?.municipality ?? null,
    leadAgency: row?.lead_agency ?? null,
    openedAt: row ? new Date(row.opened_at).toISOString() : null,
    subjectIds: [...subjectIds].sort(),
    entries,
  };
}

/** Every activation of the agency's holding that names the person, by activation id. */
export function activationsOfPerson(
  held: readonly HeldEntry[],
  rows: readonly ActivationListRow[],
  bsn: string,
): ActivationOfPerson[] {
  const byActivation = new Map<string, HeldEntry[]>();
  for (const entry of held) {
    const list = byActivation.get(entry.activation_id) ?? [];
    list.push(entry);
    byActivation.set(entry.activation_id, list);
  }
  const listRows = new Map(rows.map((row) => [row.activation_id, row]));
  return [...byActivation.keys()]
    .sort()
    .map((id) => activationOfPerson(id, byActivation.get(id)!, listRows.get(id), bsn))
    .filter((found): found is ActivationOfPerson => found !== undefined);
}

/**
 * Which agencies received the person's values, from the feed ledger. The one redaction shows a field only
 * to an agency holding every category it resolves to, so an agency received one of the person's values in
 * an entry exactly when its feed row of that event carried every category of that value; the receipt names
 * the categories of the values received. They are the categories of the values the officer's agency holds
 * of the person in that entry, never one it may not see itself (that would tell it such data exists). A
 * row that received none of the person's values (the entry without its persons) is no receipt, and what a
 * recipient did not receive is not said: that would describe the recipient's agreements.
 */
export function recipientsOf(
  activations: readonly ActivationOfPerson[],
  deliveries: readonly FeedDelivery[],
): Recipient[] {
  const entries = new Map(activations.flatMap((a) => a.entries.map((entry) => [entry.eventId, entry])));
  const byAgency = new Map<string, Receipt[]>();
  for (const delivery of deliveries) {
    const entry = entries.get(delivery.event_id);
    if (!entry) continue;
    const carried = new Set(delivery.carried);
    // An entry built elsewhere counts as one value of all its categories: a receipt is never overstated.
    const fields = fieldCategories.get(entry) ?? [entry.categories];
    const received = fields.filter((categories) => categories.every((category) => carried.has(category)));
    const categories = [...new Set(received.flat())].sort();
    if (categories.length === 0) continue;
    const receipts = byAgency.get(delivery.agency) ?? [];
    receipts.push({
      activationId: delivery.activation_id,
      eventId: delivery.event_id,
      eventType: delivery.event_type,
      receivedAt: new Date(delivery.fed_at).toISOString(),
      categories,
    });
    byAgency.set(delivery.agency, receipts);
  }
  return [...byAgency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agency, receipts]) => {
      const times = receipts.map((receipt) => receipt.receivedAt).sort();
      return {
        agency,
        categories: [...new Set(receipts.flatMap((receipt) => receipt.categories))].sort(),
        firstReceivedAt: times[0],
        lastReceivedAt: times.at(-1)!,
        receipts,
      };
    });
}

export function loggedReadOf(row: AccessLogRow): LoggedRead {
  return {
    recordedAt: row.recorded_at.toISOString(),
    agency: row.agency,
    role: row.role,
    activity: row.activity_uri,
    categories: row.categories,
    activationId: row.activation_id,
    operation: row.operation,
    traceId: row.trace_id,
  };
}
