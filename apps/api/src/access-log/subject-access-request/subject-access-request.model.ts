import { ActivationEvent, DataCategory } from '#domain';
import { categoriesAt, leavesOf, StoredEvent } from '#events';
import type { AccessLogRow, FeedDelivery } from '#read-models';

/*
 * The answer to a data subject's access request (AVG art. 15), built from what keten holds: the person's
 * values as the events recorded them, the agencies whose feeds carried them, and the access log. Pure
 * functions over events, feed receipts and log lines; the resolver reads them.
 */

/** The persons an event names sit here: `subjects[]` of a signal or finding, `subject` of a correction. */
const PERSON_LISTS = ['subjects'] as const;
const PERSON_ENTRY = 'subject';

/**
 * Values of an event naming the person that are someone else's: the reporter of a signal (who may need
 * protecting). Left out of the answer (art. 15(4): the rights of others); the other persons an event
 * names are left out the same way.
 */
const THIRD_PARTY_FIELDS = ['source'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One event that records something of the person: its values of the person and the case around them. */
export interface RecordedEntry {
  eventId: string;
  type: string;
  streamVersion: number;
  occurredAt: string;
  recordedAt: string;
  /** The agency whose user recorded it. */
  recordedBy: string;
  /** The categories of the person's values in it (PERSONAL, and HEALTH or CRIMINAL where they are). */
  categories: DataCategory[];
  /** The person as the event names them: subject id, name, BSN, birth date, nationality, as recorded. */
  person: Json[];
  /** The rest of the event, without other persons and without the reporter. */
  context: Json;
}

/** One activation that names the person, and what each of its events recorded of them. */
export interface ActivationOfPerson {
  activationId: string;
  caseNumber: string | null;
  region: string | null;
  municipality: string | null;
  leadAgency: string | null;
  openedAt: string | null;
  openedBy: string | null;
  /** The ids the case gave the person (subjectId): one person may be several subjects in one case. */
  subjectIds: string[];
  entries: RecordedEntry[];
}

/** An agency whose feed carried the person's values in one event. */
export interface Receipt {
  activationId: string;
  eventId: string;
  eventType: string;
  receivedAt: string;
  /** The categories of the person's values the agency received. */
  categories: DataCategory[];
  /** The categories of the person's values its agreements withheld from it. */
  withheld: DataCategory[];
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
  version: 1;
  dataSubject: { bsn: string; pseudonym: string; type: 'BSN' };
  answeredBy: { agency: string; userId: string; at: string };
  /** What the answer covers, and what it does not (for the privacy officer, in Dutch). */
  scope: string[];
  activations: ActivationOfPerson[];
  recipients: Recipient[];
  accessLog: {
    /** Whose reads these are: the privacy officer's agency (each agency keeps and answers for its own log). */
    agency: string;
    reads: LoggedRead[];
    /** Agencies that received the person's data and answer for their own reads. */
    otherRecipients: string[];
  };
}

/** Whether the subject object is the person: their BSN, or a subject id the case gave them. */
function isPerson(subject: unknown, bsn: string, subjectIds: ReadonlySet<string>): subject is Json {
  if (!isObject(subject)) return false;
  return subject.bsn === bsn || (typeof subject.subjectId === 'string' && subjectIds.has(subject.subjectId));
}

function personsIn(data: Json): unknown[] {
  return [
    ...PERSON_LISTS.flatMap((list) => (Array.isArray(data[list]) ? (data[list] as unknown[]) : [])),
    ...(PERSON_ENTRY in data ? [data[PERSON_ENTRY]] : []),
  ];
}

/** The subject ids the activation's events give the person with this BSN. */
function subjectIdsOf(events: readonly StoredEvent[], bsn: string): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (!isObject(event.data)) continue;
    for (const subject of personsIn(event.data))
      if (isObject(subject) && subject.bsn === bsn && typeof subject.subjectId === 'string')
        ids.add(subject.subjectId);
  }
  return ids;
}

/** The categories of the person's values in the event: of every leaf of their subject objects. */
function personCategories(event: StoredEvent, data: Json, person: ReadonlySet<unknown>): DataCategory[] {
  const found = new Set<DataCategory>();
  const classified = { type: event.type, data: event.data } as ActivationEvent;
  for (const leaf of leavesOf(data)) {
    const [head, index] = leaf.location;
    const owner =
      head === PERSON_ENTRY
        ? data[PERSON_ENTRY]
        : Array.isArray(data[head])
          ? (data[head] as unknown[])[index as number]
          : undefined;
    if (!person.has(owner) || leaf.value === null) continue;
    categoriesAt(classified, leaf.path)?.forEach((category) => found.add(category));
  }
  return [...found].sort();
}

/** What the events of one activation record of the person; undefined when none names them. */
export function activationOfPerson(
  activationId: string,
  events: readonly StoredEvent[],
  bsn: string,
): ActivationOfPerson | undefined {
  const subjectIds = subjectIdsOf(events, bsn);
  const entries: RecordedEntry[] = [];
  for (const event of events) {
    if (!isObject(event.data)) continue;
    const data = event.data;
    const person = personsIn(data).filter((subject) => isPerson(subject, bsn, subjectIds));
    if (person.length === 0) continue;
    // The person's values are in `person`; the context holds no one's.
    const context: Json = { ...data };
    for (const field of [...PERSON_LISTS, PERSON_ENTRY, ...THIRD_PARTY_FIELDS]) delete context[field];
    entries.push({
      eventId: event.eventId,
      type: event.type,
      streamVersion: event.streamVersion,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      recordedBy: event.metadata.actor.agency,
      categories: personCategories(event, data, new Set(person)),
      person,
      context,
    });
  }
  if (entries.length === 0) return undefined;
  const opened = events.find((event) => event.type === 'activation.opened');
  const facts = isObject(opened?.data) ? opened.data : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    activationId,
    caseNumber: text(facts.caseNumber),
    region: text(facts.region),
    municipality: text(facts.municipality),
    leadAgency: text(facts.leadAgency),
    openedAt: opened?.occurredAt ?? null,
    openedBy: opened?.metadata.actor.agency ?? null,
    subjectIds: [...subjectIds].sort(),
    entries,
  };
}

/**
 * Which agencies received the person's values, from the feed ledger: an agency received a category of
 * the person when its row of the event carried it (the agreements in force then let it see the value).
 * A row that withheld all of the person's categories did not tell the agency about them: no receipt.
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
    const categories = entry.categories.filter((category) => carried.has(category));
    if (categories.length === 0) continue;
    const receipts = byAgency.get(delivery.agency) ?? [];
    receipts.push({
      activationId: delivery.activation_id,
      eventId: delivery.event_id,
      eventType: delivery.event_type,
      receivedAt: new Date(delivery.fed_at).toISOString(),
      categories,
      withheld: entry.categories.filter((category) => !carried.has(category)),
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
