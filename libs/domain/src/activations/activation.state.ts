import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { MunicipalityCode } from '../shared/municipality-code.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';
import { ActivationEvent, ActivationOpenedData } from './activation.events.js';
import { ActivationProgress, evolveProgress, openedProgress } from './activation-progress.js';
import {
  Employer,
  FindingCategory,
  InfectionEvidence,
  InspectionStatus,
  Location,
  Subject,
  Theme,
} from './activation.vocabulary.js';

/*
 * What the decider needs to know about an activation to judge the next command, and nothing more: it is
 * not a read model. Its progress (status, participants, kind) is the shared fold of activation-progress;
 * the rest are the ids the rules look up. Maps are keyed by caller-chosen ids, which may be any string, so
 * no plain objects.
 */

export interface UnopenedActivation {
  readonly opened: false;
}

export interface OpenedActivation extends ActivationProgress {
  readonly opened: true;
  readonly activationId: string;
  readonly themes: readonly Theme[];
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly leadAgency: AgencyCode;
  readonly caseNumber?: string;
  readonly location?: Location;
  readonly employer?: Employer;
  readonly triggeredBy?: InfectionEvidence;
  /** The agency that recorded the activation's location and employer: its lead at opening. */
  readonly openedBy: AgencyCode;
  readonly signals: ReadonlyMap<string, RecordedEntry & { readonly confirmedInfection: boolean }>;
  readonly findings: ReadonlyMap<
    string,
    RecordedEntry & { readonly category: FindingCategory; readonly confirmedInfection: boolean }
  >;
  readonly inspections: ReadonlyMap<string, InspectionStatus>;
  /** The persons recorded in the activation, by subject id: free text must not name them below PERSONAL. */
  readonly persons: ReadonlyMap<string, { readonly name?: string; readonly bsn?: string }>;
  readonly interventionIds: ReadonlySet<string>;
  readonly referralIds: ReadonlySet<string>;
  readonly reportIds: ReadonlySet<string>;
  readonly attachmentIds: ReadonlySet<string>;
  /** The erasures recorded on it (personal-data.erased), so that one is recorded once. */
  readonly erasureIds: ReadonlySet<string>;
}

/** What a correction needs to know of a signal or finding: who recorded it, whom it names, how they are seen. */
export interface RecordedEntry {
  readonly recordedBy: AgencyCode;
  /** The subject ids the entry names. */
  readonly subjectIds: readonly string[];
  /** The categories its persons are seen under (the catalogue's classification of its subjects). */
  readonly subjectCategories: readonly DataCategory[];
  /** Set once it was withdrawn as misfiled. */
  readonly withdrawn?: true;
}

export type ActivationState = UnopenedActivation | OpenedActivation;

export const initialActivationState: ActivationState = { opened: false };

export function evolveActivation(state: ActivationState, event: ActivationEvent): ActivationState {
  if (event.type === 'activation.opened') return opened(event.data);
  // A stream is only ever appended to after an opened event; anything else before it is ignored, not guessed at.
  if (!state.opened) return state;
  const next: OpenedActivation = { ...state, ...evolveProgress(state, event) };
  switch (event.type) {
    case 'signal.recorded':
      return {
        ...next,
        signals: withEntry(next.signals, event.data.signalId, {
          confirmedInfection: event.data.confirmedInfection === true,
          recordedBy: event.data.recordedBy,
          subjectIds: subjectIdsOf(event.data.subjects),
          // As the catalogue classifies a signal's persons: health data once the signal speaks of health.
          subjectCategories:
            event.data.confirmedInfection === true || event.data.healthDetail !== undefined
              ? [DataCategory.HEALTH, DataCategory.PERSONAL]
              : [DataCategory.PERSONAL],
        }),
        persons: withPersons(next.persons, event.data.subjects),
      };
    case 'activation.escalated':
      return { ...next, triggeredBy: event.data.triggeredBy };
    case 'inspection.scheduled':
      return {
        ...next,
        inspections: withEntry(next.inspections, event.data.inspectionId, InspectionStatus.SCHEDULED),
      };
    case 'inspection.completed':
      return {
        ...next,
        inspections: withEntry(next.inspections, event.data.inspectionId, InspectionStatus.COMPLETED),
      };
    case 'inspection.cancelled':
      return {
        ...next,
        inspections: withEntry(next.inspections, event.data.inspectionId, InspectionStatus.CANCELLED),
      };
    case 'finding.recorded':
      return {
        ...next,
        findings: withEntry(next.findings, event.data.findingId, {
          category: event.data.category,
          confirmedInfection: event.data.confirmedInfection === true,
          recordedBy: event.data.recordedBy,
          subjectIds: subjectIdsOf(event.data.subjects),
          // A finding's persons are PERSONAL and of the finding's own category.
          subjectCategories: [...new Set([DataCategory.PERSONAL, event.data.category])].sort(),
        }),
        persons: withPersons(next.persons, event.data.subjects),
      };
    case 'intervention.imposed':
      return { ...next, interventionIds: withItem(next.interventionIds, event.data.interventionId) };
    case 'referral.made':
      return { ...next, referralIds: withItem(next.referralIds, event.data.referralId) };
    case 'report.filed':
      return { ...next, reportIds: withItem(next.reportIds, event.data.reportId) };
    case 'document.attached':
      return { ...next, attachmentIds: withItem(next.attachmentIds, event.data.attachmentId) };
    case 'lead.transferred':
      return { ...next, leadAgency: event.data.toAgency };
    case 'activation.numbered':
      return { ...next, caseNumber: event.data.caseNumber };
    case 'subject.corrected': {
      // The corrected person replaces the recorded one, so free text is checked against who they really are.
      const { subjectId, name, bsn } = event.data.subject;
      const persons = new Map(next.persons);
      // What was recorded before still names a person (perhaps another one): text must not name it either.
      const before = persons.get(subjectId);
      if (before) persons.set(`${subjectId}\u0000before-${persons.size}`, before);
      persons.set(subjectId, { ...(name !== undefined && { name }), ...(bsn !== undefined && { bsn }) });
      return { ...next, persons };
    }
    case 'entry.withdrawn':
      return event.data.entryKind === 'SIGNAL'
        ? { ...next, signals: withdrawn(next.signals, event.data.entryId) }
        : { ...next, findings: withdrawn(next.findings, event.data.entryId) };
    case 'location.corrected':
      return { ...next, location: event.data.location };
    case 'employer.corrected':
      return { ...next, employer: event.data.employer };
    case 'region.corrected':
      return { ...next, region: event.data.region, municipality: event.data.municipality };
    case 'personal-data.erased':
      return { ...next, erasureIds: new Set(next.erasureIds).add(event.data.erasureId) };
    default:
      return next;
  }
}

function opened(data: ActivationOpenedData): OpenedActivation {
  return {
    opened: true,
    activationId: data.activationId,
    ...openedProgress(data),
    themes: data.themes,
    region: data.region,
    municipality: data.municipality,
    leadAgency: data.leadAgency,
    openedBy: data.leadAgency,
    ...(data.caseNumber && { caseNumber: data.caseNumber }),
    ...(data.location && { location: data.location }),
    ...(data.employer && { employer: data.employer }),
    ...(data.triggeredBy && { triggeredBy: data.triggeredBy }),
    signals: new Map(),
    findings: new Map(),
    inspections: new Map(),
    persons: new Map(),
    interventionIds: new Set(),
    referralIds: new Set(),
    reportIds: new Set(),
    attachmentIds: new Set(),
    erasureIds: new Set(),
  };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

function withPersons(
  persons: OpenedActivation['persons'],
  subjects: readonly Subject[] | undefined,
): OpenedActivation['persons'] {
  if (!subjects?.length) return persons;
  const next = new Map(persons);
  for (const { subjectId, name, bsn } of subjects) {
    const known = next.get(subjectId) ?? {};
    next.set(subjectId, { ...known, ...(name !== undefined && { name }), ...(bsn !== undefined && { bsn }) });
  }
  return next;
}

function subjectIdsOf(subjects: readonly Subject[] | undefined): string[] {
  return (subjects ?? []).map((subject) => subject.subjectId);
}

function withdrawn<V extends RecordedEntry>(map: ReadonlyMap<string, V>, id: string): ReadonlyMap<string, V> {
  const entry = map.get(id);
  return entry ? withEntry(map, id, { ...entry, withdrawn: true }) : map;
}

function withItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  return new Set(set).add(item);
}
