import { AgencyCode } from '../shared/agency-code.value.js';
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
  readonly signals: ReadonlyMap<string, { readonly confirmedInfection: boolean }>;
  readonly findings: ReadonlyMap<
    string,
    { readonly category: FindingCategory; readonly confirmedInfection: boolean }
  >;
  readonly inspections: ReadonlyMap<string, InspectionStatus>;
  /** The persons recorded in the activation, by subject id: free text must not name them below PERSONAL. */
  readonly persons: ReadonlyMap<string, { readonly name?: string; readonly bsn?: string }>;
  readonly interventionIds: ReadonlySet<string>;
  readonly referralIds: ReadonlySet<string>;
  readonly reportIds: ReadonlySet<string>;
  readonly attachmentIds: ReadonlySet<string>;
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

function withItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  return new Set(set).add(item);
}
