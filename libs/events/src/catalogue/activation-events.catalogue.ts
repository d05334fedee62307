import {
  ACTIVATION_EVENT_TYPES,
  FINDING_CATEGORIES,
  ActivationEvent,
  ActivationEventDataMap,
  ActivationEventType,
  DataCategory,
  isActivationEventType,
} from '#domain';
import {
  CatalogueError,
  FieldClassification,
  FieldMap,
  LeafPath,
  resolveClassification,
  ScalarPath,
} from './field-classification.js';
import { leavesOf } from './field-paths.js';
import { SignalRecordedV1Data, upcastSignalRecordedV1 } from './signal-recorded.upcaster.js';

/**
 * Turns a payload stored at `fromVersion` into one at `fromVersion + 1`. `known` are categories the payload
 * is known to have carried besides what it shows: an agency's feed row keeps the data it withheld as null,
 * and what it withheld must still count when its old free text is classified.
 */
export interface Upcaster {
  readonly fromVersion: number;
  readonly upcast: (data: unknown, known: readonly DataCategory[]) => unknown;
}

export interface CatalogueEntry<T extends ActivationEventType = ActivationEventType> {
  /** The wire name: the event store's `type` column, the CloudEvents `type`, the GraphQL feed's `type`. */
  readonly type: T;
  /** The version new events are written at; older stored versions are upcast on read. */
  readonly schemaVersion: number;
  readonly description: string;
  /**
   * An agency without this category does not see the event at all: no placeholder, no count. It can follow
   * the event's content (a CRIMINAL finding is a CRIMINAL event); see primaryCategoryOf.
   */
  readonly primaryCategory: DataCategory | { readonly categoryFrom: ScalarPath<ActivationEventDataMap[T]> };
  /**
   * Categories a narrative of this type always carries, whatever its event carries besides (a health
   * detail is HEALTH); see narrativeDefaults.
   */
  readonly narrativeFloors?: Partial<
    Record<NarrativePath<ActivationEventDataMap[T]>, readonly DataCategory[]>
  >;
  /** The category of every leaf of the payload; see field-classification.ts for the rule forms. */
  readonly fields: FieldMap<ActivationEventDataMap[T]>;
  /** One per older version, in order: upcasters[0] lifts version 1 to 2, and so on. */
  readonly upcasters: readonly Upcaster[];
}

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INTERVENTION, REPORT } = DataCategory;

/** Paths of the narratives of a payload: where `<path>.text` is a leaf. */
export type NarrativePath<Data> = {
  [L in LeafPath<Data>]: L extends `${infer P}.text` ? P : never;
}[LeafPath<Data>];

/*
 * A narrative (free text) is visible with the categories its author declared, or that its event carried
 * when it was stored (narrativeDefaults): its text and the list of those categories alike, so an agency
 * that may not read it sees `null` and the categories it lacks as withheld, nothing of what it says.
 */
const text = <P extends string>(path: P) => ({ categoriesFrom: `${path}.categories` }) as const;

const location = {
  'location.address': LOCATION,
  'location.postcode': LOCATION,
  'location.city': LOCATION,
} as const;

/*
 * Persons in a signal are PERSONAL; once the signal speaks of health (a confirmed infection or a health
 * detail), seeing who it names is health data about them as well.
 */
const signalSubject = [
  PERSONAL,
  { category: HEALTH, whenAnyOf: ['confirmedInfection', 'healthDetail.text'] },
] as const;
/* Persons in a finding are PERSONAL and, being linked to it, also of the finding's own category. */
const findingSubject = [PERSONAL, { categoryFrom: 'category' }] as const;

/*
 * Primary categories. Case-structure events are CASE: every participant needs the skeleton of the case
 * (who takes part, what was inspected, that a finding of some category exists, when it closed) to act as
 * one government, and the sensitive parts are withheld field by field. Interventions and referrals are
 * INTERVENTION: they are enforcement under one agency's legal powers, shared only where an agreement says
 * so, and an agency without that category should not even learn a fine was given. The procesverslag is
 * REPORT, a category of its own in DESIGN §4.
 */
type CorrectionEventType =
  | 'subject.corrected'
  | 'finding.corrected'
  | 'entry.withdrawn'
  | 'location.corrected'
  | 'employer.corrected'
  | 'region.corrected';

const CATALOGUE: { readonly [T in Exclude<ActivationEventType, CorrectionEventType>]: CatalogueEntry<T> } = {
  'activation.opened': {
    type: 'activation.opened',
    schemaVersion: 2,
    description:
      'An activation was opened: its title and case number, kind, trigger, themes, region, municipality and lead agency.',
    primaryCategory: CASE,
    fields: {
      activationId: CASE,
      // The title is free text like any other: people name companies, addresses and persons in it.
      'title.text': text('title'),
      'title.categories[]': text('title'),
      caseNumber: CASE,
      kind: CASE,
      trigger: CASE,
      'themes[]': CASE,
      region: CASE,
      municipality: CASE,
      leadAgency: CASE,
      ...location,
      'employer.name': EMPLOYER,
      'employer.kvkNumber': EMPLOYER,
      'employer.staffingAgency.name': EMPLOYER,
      'employer.staffingAgency.kvkNumber': EMPLOYER,
      // A repressive activation names the confirmed infection that triggered it: what it points to is HEALTH.
      'triggeredBy.kind': HEALTH,
      'triggeredBy.id': HEALTH,
    },
    upcasters: [{ fromVersion: 1, upcast: (data) => withDefaultTitle(data) }],
  },
  'signal.recorded': {
    type: 'signal.recorded',
    schemaVersion: 3,
    description: 'A signal reached the activation: who reported it, what it says, whom it names.',
    primaryCategory: CASE,
    fields: {
      signalId: CASE,
      recordedBy: CASE,
      'source.kind': CASE,
      'source.agency': CASE,
      // Whoever reported may be a private person who needs protecting, not only an organisation.
      'source.name': PERSONAL,
      'description.text': text('description'),
      'description.categories[]': text('description'),
      'subjects[].subjectId': signalSubject,
      'subjects[].name': signalSubject,
      'subjects[].bsn': signalSubject,
      'subjects[].birthDate': signalSubject,
      'subjects[].nationality': signalSubject,
      confirmedInfection: HEALTH,
      'healthDetail.text': text('healthDetail'),
      'healthDetail.categories[]': text('healthDetail'),
    },
    narrativeFloors: { healthDetail: [HEALTH] },
    upcasters: [
      { fromVersion: 1, upcast: (data) => upcastSignalRecordedV1(data as SignalRecordedV1Data) },
      narrativesFrom(2, 'signal.recorded', ['description', 'healthDetail']),
    ],
  },
  'agency.invited': {
    type: 'agency.invited',
    schemaVersion: 1,
    description: 'An agency was invited to take part, with why.',
    primaryCategory: CASE,
    fields: {
      agency: CASE,
      invitedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'agency.joined': {
    type: 'agency.joined',
    schemaVersion: 1,
    description: 'An invited agency joined and now takes part.',
    primaryCategory: CASE,
    fields: { agency: CASE },
    upcasters: [],
  },
  'agency.left': {
    type: 'agency.left',
    schemaVersion: 2,
    description: 'A participating agency left.',
    primaryCategory: CASE,
    fields: { agency: CASE, 'reason.text': text('reason'), 'reason.categories[]': text('reason') },
    upcasters: [narrativesFrom(1, 'agency.left', ['reason'])],
  },
  'activation.escalated': {
    type: 'activation.escalated',
    schemaVersion: 1,
    description: 'A preventive activation became repressive, naming the confirmed infection that caused it.',
    primaryCategory: CASE,
    // That it became repressive is CASE; which confirmed infection made it so is HEALTH.
    fields: { kind: CASE, 'triggeredBy.kind': HEALTH, 'triggeredBy.id': HEALTH },
    upcasters: [],
  },
  'inspection.scheduled': {
    type: 'inspection.scheduled',
    schemaVersion: 1,
    description: 'An inspection was planned at an address, by one or more participating agencies.',
    primaryCategory: CASE,
    fields: { inspectionId: CASE, plannedAt: CASE, ...location, 'agencies[]': CASE },
    upcasters: [],
  },
  'inspection.completed': {
    type: 'inspection.completed',
    schemaVersion: 2,
    // What was found is recorded as findings, each with its own category; the summary says how it went.
    description: 'A scheduled inspection took place.',
    primaryCategory: CASE,
    fields: {
      inspectionId: CASE,
      'outcomeSummary.text': text('outcomeSummary'),
      'outcomeSummary.categories[]': text('outcomeSummary'),
    },
    upcasters: [narrativesFrom(1, 'inspection.completed', ['outcomeSummary'])],
  },
  'inspection.cancelled': {
    type: 'inspection.cancelled',
    schemaVersion: 2,
    description: 'A scheduled inspection will not take place.',
    primaryCategory: CASE,
    fields: { inspectionId: CASE, 'reason.text': text('reason'), 'reason.categories[]': text('reason') },
    upcasters: [narrativesFrom(1, 'inspection.cancelled', ['reason'])],
  },
  'finding.recorded': {
    type: 'finding.recorded',
    schemaVersion: 2,
    // A finding is an event of its own category: an agency without CRIMINAL does not learn that a CRIMINAL
    // finding exists, nor who recorded it.
    description: 'Something was found: its category decides who may know of it.',
    primaryCategory: { categoryFrom: 'category' },
    fields: {
      findingId: CASE,
      category: CASE,
      'description.text': text('description'),
      'description.categories[]': text('description'),
      recordedBy: CASE,
      inspectionId: CASE,
      'subjects[].subjectId': findingSubject,
      'subjects[].name': findingSubject,
      'subjects[].bsn': findingSubject,
      'subjects[].birthDate': findingSubject,
      'subjects[].nationality': findingSubject,
      'amounts[].label': { categoryFrom: 'category' },
      'amounts[].euroCents': { categoryFrom: 'category' },
      confirmedInfection: HEALTH,
    },
    upcasters: [narrativesFrom(1, 'finding.recorded', ['description'])],
  },
  'intervention.imposed': {
    type: 'intervention.imposed',
    schemaVersion: 2,
    description: 'An agency imposed a measure on an employer: warning, order, fine, closure or referral.',
    primaryCategory: INTERVENTION,
    fields: {
      interventionId: INTERVENTION,
      interventionType: INTERVENTION,
      imposedBy: INTERVENTION,
      'addressee.name': EMPLOYER,
      'addressee.kvkNumber': EMPLOYER,
      'addressee.staffingAgency.name': EMPLOYER,
      'addressee.staffingAgency.kvkNumber': EMPLOYER,
      'description.text': text('description'),
      'description.categories[]': text('description'),
      amountEuroCents: INTERVENTION,
      legalBasis: INTERVENTION,
      ...location,
      inspectionId: CASE,
      // Which findings a measure rests on is as sensitive as those findings.
      'findingIds[]': { categoriesFrom: 'findingCategories' },
      'findingCategories[]': { categoriesFrom: 'findingCategories' },
    },
    upcasters: [findingReferencesFrom(1, 'intervention.imposed', ['description'])],
  },
  'referral.made': {
    type: 'referral.made',
    schemaVersion: 2,
    description: 'An agency referred the matter to another agency.',
    primaryCategory: INTERVENTION,
    fields: {
      referralId: INTERVENTION,
      fromAgency: INTERVENTION,
      toAgency: INTERVENTION,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
      inspectionId: CASE,
      'findingIds[]': { categoriesFrom: 'findingCategories' },
      'findingCategories[]': { categoriesFrom: 'findingCategories' },
    },
    upcasters: [findingReferencesFrom(1, 'referral.made', ['reason'])],
  },
  'integrated-deployment.decided': {
    type: 'integrated-deployment.decided',
    schemaVersion: 2,
    // Activations are counted by whether they led to integrated deployment, so it is part of the case.
    description: 'It was decided whether several agencies act jointly, and which.',
    primaryCategory: CASE,
    fields: {
      integrated: CASE,
      'agencies[]': CASE,
      'rationale.text': text('rationale'),
      'rationale.categories[]': text('rationale'),
    },
    upcasters: [narrativesFrom(1, 'integrated-deployment.decided', ['rationale'])],
  },
  'report.filed': {
    type: 'report.filed',
    schemaVersion: 2,
    description: 'The written report (procesverslag) of the activation was filed.',
    primaryCategory: REPORT,
    fields: {
      reportId: REPORT,
      filedBy: REPORT,
      'summary.text': text('summary'),
      'summary.categories[]': text('summary'),
      'outcome.text': text('outcome'),
      'outcome.categories[]': text('outcome'),
    },
    upcasters: [narrativesFrom(1, 'report.filed', ['summary', 'outcome'])],
  },
  'document.attached': {
    type: 'document.attached',
    schemaVersion: 1,
    // That a participant added a document is part of the case; what it is (its title, which file, its
    // size and hash, even its id to download it by) is as sensitive as what the document contains, so
    // only an agency holding every category the author declared learns more than that it exists.
    description:
      'A participant added a document (a photo, the proces-verbaal) with the categories it contains.',
    primaryCategory: CASE,
    fields: {
      attachmentId: { categoriesFrom: 'categories' },
      attachedBy: CASE,
      'title.text': text('title'),
      'title.categories[]': text('title'),
      contentType: { categoriesFrom: 'categories' },
      byteLength: { categoriesFrom: 'categories' },
      sha256: { categoriesFrom: 'categories' },
      'categories[]': { categoriesFrom: 'categories' },
    },
    upcasters: [],
  },
  'activation.closed': {
    type: 'activation.closed',
    schemaVersion: 2,
    description: 'The activation was closed, with its outcome.',
    primaryCategory: CASE,
    fields: { 'outcome.text': text('outcome'), 'outcome.categories[]': text('outcome') },
    upcasters: [narrativesFrom(1, 'activation.closed', ['outcome'])],
  },
  'activation.reopened': {
    type: 'activation.reopened',
    schemaVersion: 2,
    description: 'A closed activation was reopened, with the reason.',
    primaryCategory: CASE,
    fields: { 'reason.text': text('reason'), 'reason.categories[]': text('reason') },
    upcasters: [narrativesFrom(1, 'activation.reopened', ['reason'])],
  },
  'lead.transferred': {
    type: 'lead.transferred',
    schemaVersion: 1,
    description: 'The lead of the activation passed to another participating agency.',
    primaryCategory: CASE,
    fields: {
      fromAgency: CASE,
      toAgency: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'activation.numbered': {
    type: 'activation.numbered',
    schemaVersion: 1,
    description: 'An activation opened before case numbers existed was given its case number.',
    primaryCategory: CASE,
    fields: { caseNumber: CASE },
    upcasters: [],
  },
  'invitation.declined': {
    type: 'invitation.declined',
    schemaVersion: 1,
    description: 'An invited agency declined to take part, with the reason.',
    primaryCategory: CASE,
    fields: { agency: CASE, 'reason.text': text('reason'), 'reason.categories[]': text('reason') },
    upcasters: [],
  },
  'closing.proposed': {
    type: 'closing.proposed',
    schemaVersion: 1,
    description: 'A participant proposed that the lead agency or the coordinator close the activation.',
    primaryCategory: CASE,
    fields: { proposedBy: CASE, 'reason.text': text('reason'), 'reason.categories[]': text('reason') },
    upcasters: [],
  },
  // That data was erased is part of the case (every reader's timeline says so); whom it was of is PERSONAL:
  // the pseudonym tells an agency that received that person's data which of its own records to follow.
  'personal-data.erased': {
    type: 'personal-data.erased',
    schemaVersion: 1,
    description:
      'Personal data of the activation was erased (an approved erasure request, or its retention period ended): the keys of a person, a case subject or the whole activation are gone, and what they sealed reads as erased.',
    primaryCategory: CASE,
    fields: { erasureId: CASE, cause: CASE, scope: CASE, subjectRef: PERSONAL },
    upcasters: [],
  },
};

/*
 * Corrections are classified like what they correct: a correction of a finding is an event of the
 * finding's category, its persons are seen under the categories the entry's persons were, the corrected
 * location is LOCATION, the corrected employer EMPLOYER. So the one redaction shows a corrected value only
 * to an agency that could see the original, and the correction tells no one more than the original did.
 */
const subjectOfEntry = { categoriesFrom: 'subjectCategories' } as const;

const CORRECTIONS: { readonly [T in CorrectionEventType]: CatalogueEntry<T> } = {
  'subject.corrected': {
    type: 'subject.corrected',
    schemaVersion: 1,
    description:
      'A person recorded in a signal or finding was corrected (name, BSN, birth date, nationality), with the reason.',
    primaryCategory: { categoryFrom: 'entryCategory' },
    fields: {
      entryKind: CASE,
      entryId: CASE,
      entryCategory: CASE,
      'subjectCategories[]': subjectOfEntry,
      'subject.subjectId': subjectOfEntry,
      'subject.name': subjectOfEntry,
      'subject.bsn': subjectOfEntry,
      'subject.birthDate': subjectOfEntry,
      'subject.nationality': subjectOfEntry,
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'finding.corrected': {
    type: 'finding.corrected',
    schemaVersion: 1,
    description: "A finding's description or amounts were corrected, with the reason.",
    primaryCategory: { categoryFrom: 'category' },
    fields: {
      findingId: CASE,
      category: CASE,
      'description.text': text('description'),
      'description.categories[]': text('description'),
      'amounts[].label': { categoryFrom: 'category' },
      'amounts[].euroCents': { categoryFrom: 'category' },
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'entry.withdrawn': {
    type: 'entry.withdrawn',
    schemaVersion: 1,
    description:
      'A signal or finding recorded on the wrong activation was withdrawn from it (misfiled), with the reason.',
    primaryCategory: { categoryFrom: 'entryCategory' },
    fields: {
      entryKind: CASE,
      entryId: CASE,
      entryCategory: CASE,
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'location.corrected': {
    type: 'location.corrected',
    schemaVersion: 1,
    description: "The activation's location was corrected, with the reason.",
    primaryCategory: CASE,
    fields: {
      ...location,
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'employer.corrected': {
    type: 'employer.corrected',
    schemaVersion: 1,
    description: "The activation's employer was corrected, with the reason.",
    primaryCategory: CASE,
    fields: {
      'employer.name': EMPLOYER,
      'employer.kvkNumber': EMPLOYER,
      'employer.staffingAgency.name': EMPLOYER,
      'employer.staffingAgency.kvkNumber': EMPLOYER,
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
  'region.corrected': {
    type: 'region.corrected',
    schemaVersion: 1,
    description:
      "The activation's region and municipality were corrected by the region's coordinator: it moves to the right region's coordinators.",
    primaryCategory: CASE,
    fields: {
      fromRegion: CASE,
      fromMunicipality: CASE,
      region: CASE,
      municipality: CASE,
      correctedBy: CASE,
      'reason.text': text('reason'),
      'reason.categories[]': text('reason'),
    },
    upcasters: [],
  },
};

const ENTRIES: { readonly [T in ActivationEventType]: CatalogueEntry<T> } = { ...CATALOGUE, ...CORRECTIONS };

export function catalogueEntry<T extends ActivationEventType>(type: T): CatalogueEntry<T> {
  if (!isActivationEventType(type))
    throw new CatalogueError(`There is no event type ${JSON.stringify(type)}.`);
  return ENTRIES[type];
}

export function allEventTypes(): readonly ActivationEventType[] {
  return ACTIVATION_EVENT_TYPES;
}

/** Every classified field of the event type (schema paths such as `subjects[].bsn`), resolved against this event. */
export function fieldCategories(event: ActivationEvent): ReadonlyMap<string, readonly DataCategory[]> {
  const fields = catalogueEntry(event.type).fields as Readonly<Record<string, FieldClassification>>;
  return new Map(
    Object.entries(fields).map(([path, classification]) => [
      path,
      resolveClassification(classification, event.data),
    ]),
  );
}

/**
 * The categories needed to see one field, by schema path; undefined when the catalogue does not know the
 * field, which a redactor must treat as "withhold".
 */
export function categoriesAt(event: ActivationEvent, path: string): readonly DataCategory[] | undefined {
  const fields = catalogueEntry(event.type).fields as Readonly<Record<string, FieldClassification>>;
  return Object.hasOwn(fields, path) ? resolveClassification(fields[path], event.data) : undefined;
}

/** Leaves of the event's data that the catalogue does not classify; non-empty means the catalogue is behind. */
export function unclassifiedPaths(event: ActivationEvent): string[] {
  return [...new Set(leavesOf(event.data).map((leaf) => leaf.path))].filter(
    (path) => categoriesAt(event, path) === undefined,
  );
}

/**
 * The categories this event actually carries: its primary category and those of the fields it has set.
 * For the CloudEvents data-classification attribute and for deciding whether a read must be logged.
 */
export function categoriesCarried(event: ActivationEvent): DataCategory[] {
  const carried = new Set<DataCategory>([primaryCategoryOf(event)]);
  for (const leaf of leavesOf(event.data)) categoriesAt(event, leaf.path)?.forEach((c) => carried.add(c));
  return [...carried];
}

/**
 * The category an agency must hold to know of this event at all: the type's own, or the one its content
 * names (a finding's category). Throws on content that names none, which a reader must treat as hidden.
 */
export function primaryCategoryOf(event: { readonly type: string; readonly data: unknown }): DataCategory {
  const primary = catalogueEntry(event.type as ActivationEventType).primaryCategory;
  if (typeof primary === 'string') return primary;
  const [category] = resolveClassification(primary, event.data);
  return category;
}

/** The narratives of an event type, by path (`description`, `healthDetail`). */
export function narrativePaths(type: ActivationEventType): string[] {
  const fields = catalogueEntry(type).fields as Readonly<Record<string, FieldClassification>>;
  return Object.entries(fields)
    .filter(([path, rule]) => {
      const base = path.endsWith('.text') ? path.slice(0, -'.text'.length) : undefined;
      return base !== undefined && isCategoriesFrom(rule, `${base}.categories`);
    })
    .map(([path]) => path.slice(0, -'.text'.length));
}

/**
 * Gives every narrative its author did not classify the categories its event carries besides CASE (and
 * its type's floor), or PERSONAL when the event carries nothing else: free text is never CASE alone. The
 * write path runs this before an event is stored, so what is stored says how it was classified. Pure: a
 * new event, the input untouched.
 */
export function withNarrativeDefaults<E extends ActivationEvent>(event: E): E {
  return classifyNarratives(event, { strict: false, known: [] });
}

/**
 * The categories of the event besides its narratives: its primary category and those of every other
 * field it has set. What a narrative defaults to.
 */
function categoriesBesidesNarratives(
  event: ActivationEvent,
  narratives: readonly string[],
): Set<DataCategory> {
  const carried = new Set<DataCategory>([primaryCategoryOf(event)]);
  for (const leaf of leavesOf(event.data)) {
    if (narratives.some((path) => leaf.path === path || leaf.path.startsWith(`${path}.`))) continue;
    try {
      categoriesAt(event, leaf.path)?.forEach((c) => carried.add(c));
    } catch (error) {
      if (!(error instanceof CatalogueError)) throw error;
    }
  }
  return carried;
}

/**
 * Classifies the unclassified narratives of an event. `strict` (old events, written before narratives were
 * classified): PERSONAL is added whatever the event carries, and `known` (what a feed row withheld), since
 * nobody can tell any more what was typed into them; nothing stored leaks after the upgrade.
 */
function classifyNarratives<E extends ActivationEvent>(
  event: E,
  { strict, known }: { strict: boolean; known: readonly DataCategory[] },
): E {
  const paths = narrativePaths(event.type);
  const data = event.data as unknown as Record<string, unknown>;
  const pending = paths.filter((path) => {
    const value = data[path];
    return typeof value === 'object' && value !== null && !('categories' in value);
  });
  if (pending.length === 0) return event;
  const carried = categoriesBesidesNarratives(event, paths);
  carried.delete(DataCategory.CASE);
  if (strict) [PERSONAL, ...known].forEach((category) => carried.add(category));
  known.forEach((category) => category !== DataCategory.CASE && carried.add(category));
  const floors = (catalogueEntry(event.type).narrativeFloors ?? {}) as Partial<
    Record<string, readonly DataCategory[]>
  >;
  const classified = { ...data };
  for (const path of pending) {
    const categories = new Set([...carried, ...(floors[path] ?? [])]);
    if (categories.size === 0) categories.add(PERSONAL);
    classified[path] = { ...(data[path] as object), categories: [...categories].sort() };
  }
  return { ...event, data: classified } as unknown as E;
}

/**
 * The upcaster of a type whose free-text fields were plain text up to `fromVersion`: each becomes a
 * narrative classified strictly (see classifyNarratives). Values already withheld (null) stay null.
 */
function narrativesFrom(fromVersion: number, type: ActivationEventType, paths: readonly string[]): Upcaster {
  return {
    fromVersion,
    upcast: (data, known) => {
      const fields = { ...(data as Record<string, unknown>) };
      for (const path of paths) {
        if (typeof fields[path] === 'string') fields[path] = { text: fields[path] };
      }
      return classifyNarratives({ type, data: fields } as unknown as ActivationEvent, { strict: true, known })
        .data;
    },
  };
}

/**
 * As narrativesFrom, for measures that named findings by id only: which categories those findings had is
 * not in the event, so the ids count as carrying every category a finding can have.
 */
function findingReferencesFrom(
  fromVersion: number,
  type: ActivationEventType,
  paths: readonly string[],
): Upcaster {
  const narratives = narrativesFrom(fromVersion, type, paths);
  return {
    fromVersion,
    upcast: (data, known) => {
      const fields = { ...(data as Record<string, unknown>) };
      if (Array.isArray(fields.findingIds) && fields.findingCategories === undefined) {
        fields.findingCategories = [...FINDING_CATEGORIES].sort();
      }
      return narratives.upcast(fields, known);
    },
  };
}

/**
 * Activations opened before titles existed get one made of their id: it says nothing but the id (CASE), so
 * it is classified CASE, unlike text a person typed.
 */
function withDefaultTitle(data: unknown): unknown {
  const fields = data as Record<string, unknown>;
  if (fields.title !== undefined) return data;
  const id = typeof fields.activationId === 'string' ? fields.activationId : '';
  return { ...fields, title: { text: `Activatie ${id}`, categories: [CASE] } };
}

function isCategoriesFrom(rule: FieldClassification, path: string): boolean {
  return (
    typeof rule === 'object' &&
    !Array.isArray(rule) &&
    'categoriesFrom' in rule &&
    rule.categoriesFrom === path
  );
}

/**
 * Lifts a stored payload to the current schema version of its type. Refuses versions newer than this code
 * knows: such an event was written by a newer release and reading it as an old one would misclassify it.
 */
export function upcastEventData<T extends ActivationEventType>(
  type: T,
  schemaVersion: number,
  data: unknown,
  known: readonly DataCategory[] = [],
): ActivationEventDataMap[T] {
  const entry = catalogueEntry(type);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > entry.schemaVersion) {
    throw new CatalogueError(
      `${type} has schema version ${entry.schemaVersion} here; a stored version ${schemaVersion} cannot be read. ` +
        'Deploy the release that wrote it.',
    );
  }
  let upcast = data;
  for (let version = schemaVersion; version < entry.schemaVersion; version++) {
    const step = entry.upcasters.find((upcaster) => upcaster.fromVersion === version);
    if (!step) throw new CatalogueError(`${type} has no upcaster from version ${version}.`);
    upcast = step.upcast(upcast, known);
  }
  return upcast as ActivationEventDataMap[T];
}
