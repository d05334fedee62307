import {
  ACTIVATION_EVENT_TYPES,
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
  resolveClassification,
} from './field-classification.js';
import { leavesOf } from './field-paths.js';
import { SignalRecordedV1Data, upcastSignalRecordedV1 } from './signal-recorded.upcaster.js';

/** Turns a payload stored at `fromVersion` into one at `fromVersion + 1`. */
export interface Upcaster {
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

export interface CatalogueEntry<T extends ActivationEventType = ActivationEventType> {
  /** The wire name: the event store's `type` column, the CloudEvents `type`, the GraphQL feed's `type`. */
  readonly type: T;
  /** The version new events are written at; older stored versions are upcast on read. */
  readonly schemaVersion: number;
  readonly description: string;
  /** An agency without this category does not see the event at all: no placeholder, no count. */
  readonly primaryCategory: DataCategory;
  /** The category of every leaf of the payload; see field-classification.ts for the rule forms. */
  readonly fields: FieldMap<ActivationEventDataMap[T]>;
  /** One per older version, in order: upcasters[0] lifts version 1 to 2, and so on. */
  readonly upcasters: readonly Upcaster[];
}

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INTERVENTION, REPORT } = DataCategory;

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
  { category: HEALTH, whenAnyOf: ['confirmedInfection', 'healthDetail'] },
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
const CATALOGUE: { readonly [T in ActivationEventType]: CatalogueEntry<T> } = {
  'activation.opened': {
    type: 'activation.opened',
    schemaVersion: 1,
    description: 'An activation was opened: kind, trigger, themes, region, municipality and lead agency.',
    primaryCategory: CASE,
    fields: {
      activationId: CASE,
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
      'triggeredBy.kind': CASE,
      'triggeredBy.id': CASE,
    },
    upcasters: [],
  },
  'signal.recorded': {
    type: 'signal.recorded',
    schemaVersion: 2,
    description: 'A signal reached the activation: who reported it, what it says, whom it names.',
    primaryCategory: CASE,
    fields: {
      signalId: CASE,
      recordedBy: CASE,
      'source.kind': CASE,
      'source.agency': CASE,
      // Whoever reported may be a private person who needs protecting, not only an organisation.
      'source.name': PERSONAL,
      description: CASE,
      'subjects[].subjectId': signalSubject,
      'subjects[].name': signalSubject,
      'subjects[].bsn': signalSubject,
      'subjects[].birthDate': signalSubject,
      'subjects[].nationality': signalSubject,
      confirmedInfection: HEALTH,
      healthDetail: HEALTH,
    },
    upcasters: [{ fromVersion: 1, upcast: (data) => upcastSignalRecordedV1(data as SignalRecordedV1Data) }],
  },
  'agency.invited': {
    type: 'agency.invited',
    schemaVersion: 1,
    description: 'An agency was invited to take part.',
    primaryCategory: CASE,
    fields: { agency: CASE, invitedBy: CASE },
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
    schemaVersion: 1,
    description: 'A participating agency left.',
    primaryCategory: CASE,
    fields: { agency: CASE, reason: CASE },
    upcasters: [],
  },
  'activation.escalated': {
    type: 'activation.escalated',
    schemaVersion: 1,
    description: 'A preventive activation became repressive, naming the confirmed infection that caused it.',
    primaryCategory: CASE,
    fields: { kind: CASE, 'triggeredBy.kind': CASE, 'triggeredBy.id': CASE },
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
    schemaVersion: 1,
    // What was found is recorded as findings, each with its own category; the summary says how it went.
    description: 'A scheduled inspection took place.',
    primaryCategory: CASE,
    fields: { inspectionId: CASE, outcomeSummary: CASE },
    upcasters: [],
  },
  'inspection.cancelled': {
    type: 'inspection.cancelled',
    schemaVersion: 1,
    description: 'A scheduled inspection will not take place.',
    primaryCategory: CASE,
    fields: { inspectionId: CASE, reason: CASE },
    upcasters: [],
  },
  'finding.recorded': {
    type: 'finding.recorded',
    schemaVersion: 1,
    // Everyone on the case learns that a finding of some category exists; its content needs that category.
    description: 'Something was found: its category decides who may read what it says.',
    primaryCategory: CASE,
    fields: {
      findingId: CASE,
      category: CASE,
      description: { categoryFrom: 'category' },
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
    upcasters: [],
  },
  'intervention.imposed': {
    type: 'intervention.imposed',
    schemaVersion: 1,
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
      description: INTERVENTION,
      amountEuroCents: INTERVENTION,
      legalBasis: INTERVENTION,
      ...location,
      inspectionId: CASE,
      'findingIds[]': CASE,
    },
    upcasters: [],
  },
  'referral.made': {
    type: 'referral.made',
    schemaVersion: 1,
    description: 'An agency referred the matter to another agency.',
    primaryCategory: INTERVENTION,
    fields: {
      referralId: INTERVENTION,
      fromAgency: INTERVENTION,
      toAgency: INTERVENTION,
      reason: INTERVENTION,
      inspectionId: CASE,
      'findingIds[]': CASE,
    },
    upcasters: [],
  },
  'integrated-deployment.decided': {
    type: 'integrated-deployment.decided',
    schemaVersion: 1,
    // Activations are counted by whether they led to integrated deployment, so it is part of the case.
    description: 'It was decided whether several agencies act jointly, and which.',
    primaryCategory: CASE,
    fields: { integrated: CASE, 'agencies[]': CASE, rationale: CASE },
    upcasters: [],
  },
  'report.filed': {
    type: 'report.filed',
    schemaVersion: 1,
    description: 'The written report (procesverslag) of the activation was filed.',
    primaryCategory: REPORT,
    fields: { reportId: REPORT, filedBy: REPORT, summary: REPORT, outcome: REPORT },
    upcasters: [],
  },
  'activation.closed': {
    type: 'activation.closed',
    schemaVersion: 1,
    description: 'The activation was closed, with its outcome.',
    primaryCategory: CASE,
    fields: { outcome: CASE },
    upcasters: [],
  },
  'activation.reopened': {
    type: 'activation.reopened',
    schemaVersion: 1,
    description: 'A closed activation was reopened, with the reason.',
    primaryCategory: CASE,
    fields: { reason: CASE },
    upcasters: [],
  },
};

export function catalogueEntry<T extends ActivationEventType>(type: T): CatalogueEntry<T> {
  if (!isActivationEventType(type))
    throw new CatalogueError(`There is no event type ${JSON.stringify(type)}.`);
  return CATALOGUE[type];
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
  const carried = new Set<DataCategory>([catalogueEntry(event.type).primaryCategory]);
  for (const leaf of leavesOf(event.data)) categoriesAt(event, leaf.path)?.forEach((c) => carried.add(c));
  return [...carried];
}

/**
 * Lifts a stored payload to the current schema version of its type. Refuses versions newer than this code
 * knows: such an event was written by a newer release and reading it as an old one would misclassify it.
 */
export function upcastEventData<T extends ActivationEventType>(
  type: T,
  schemaVersion: number,
  data: unknown,
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
    upcast = step.upcast(upcast);
  }
  return upcast as ActivationEventDataMap[T];
}
