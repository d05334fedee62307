import { AgencyCode } from '../shared/agency-code.value.js';
import { MunicipalityCode } from '../shared/municipality-code.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';
import { ActivationEvent, ActivationOpenedData } from './activation.events.js';
import {
  ActivationKind,
  ActivationStatus,
  Employer,
  FindingCategory,
  InfectionEvidence,
  InspectionStatus,
  Location,
  Theme,
} from './activation.vocabulary.js';

/*
 * What the decider needs to know about an activation to judge the next command, and nothing more: it is
 * not a read model. Maps are keyed by caller-chosen ids, which may be any string, so no plain objects.
 */

export interface UnopenedActivation {
  readonly opened: false;
}

export interface OpenedActivation {
  readonly opened: true;
  readonly activationId: string;
  readonly status: ActivationStatus;
  readonly kind: ActivationKind;
  readonly themes: readonly Theme[];
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly leadAgency: AgencyCode;
  readonly location?: Location;
  readonly employer?: Employer;
  readonly triggeredBy?: InfectionEvidence;
  /** Agencies that act on the activation, the lead agency first. */
  readonly participants: readonly AgencyCode[];
  /** Agencies invited that have not joined yet. */
  readonly invited: readonly AgencyCode[];
  readonly signals: ReadonlyMap<string, { readonly confirmedInfection: boolean }>;
  readonly findings: ReadonlyMap<
    string,
    { readonly category: FindingCategory; readonly confirmedInfection: boolean }
  >;
  readonly inspections: ReadonlyMap<string, InspectionStatus>;
  readonly interventionIds: ReadonlySet<string>;
  readonly referralIds: ReadonlySet<string>;
  readonly reportIds: ReadonlySet<string>;
  /** Whether inspections, findings, interventions or referrals happened; decides OPEN vs IN_PROGRESS. */
  readonly workStarted: boolean;
  /** Whether a report was filed since the activation was opened or last reopened. */
  readonly reportFiled: boolean;
  readonly integratedDeployment?: boolean;
}

export type ActivationState = UnopenedActivation | OpenedActivation;

export const initialActivationState: ActivationState = { opened: false };

export function evolveActivation(state: ActivationState, event: ActivationEvent): ActivationState {
  if (event.type === 'activation.opened') return opened(event.data);
  // A stream is only ever appended to after an opened event; anything else before it is ignored, not guessed at.
  if (!state.opened) return state;
  switch (event.type) {
    case 'signal.recorded':
      return {
        ...state,
        signals: withEntry(state.signals, event.data.signalId, {
          confirmedInfection: event.data.confirmedInfection === true,
        }),
      };
    case 'agency.invited':
      return { ...state, invited: withMember(state.invited, event.data.agency) };
    case 'agency.joined':
      return {
        ...state,
        participants: withMember(state.participants, event.data.agency),
        invited: state.invited.filter((agency) => agency !== event.data.agency),
      };
    case 'agency.left':
      return { ...state, participants: state.participants.filter((agency) => agency !== event.data.agency) };
    case 'activation.escalated':
      return { ...state, kind: ActivationKind.REPRESSIVE, triggeredBy: event.data.triggeredBy };
    case 'inspection.scheduled':
      return startWork({
        ...state,
        inspections: withEntry(state.inspections, event.data.inspectionId, InspectionStatus.SCHEDULED),
      });
    case 'inspection.completed':
      return startWork({
        ...state,
        inspections: withEntry(state.inspections, event.data.inspectionId, InspectionStatus.COMPLETED),
      });
    case 'inspection.cancelled':
      return {
        ...state,
        inspections: withEntry(state.inspections, event.data.inspectionId, InspectionStatus.CANCELLED),
      };
    case 'finding.recorded':
      return startWork({
        ...state,
        findings: withEntry(state.findings, event.data.findingId, {
          category: event.data.category,
          confirmedInfection: event.data.confirmedInfection === true,
        }),
      });
    case 'intervention.imposed':
      return startWork({
        ...state,
        interventionIds: withItem(state.interventionIds, event.data.interventionId),
      });
    case 'referral.made':
      return startWork({ ...state, referralIds: withItem(state.referralIds, event.data.referralId) });
    case 'integrated-deployment.decided':
      return { ...state, integratedDeployment: event.data.integrated };
    case 'report.filed':
      return { ...state, reportIds: withItem(state.reportIds, event.data.reportId), reportFiled: true };
    case 'activation.closed':
      return { ...state, status: ActivationStatus.CLOSED };
    case 'activation.reopened':
      return {
        ...state,
        status: state.workStarted ? ActivationStatus.IN_PROGRESS : ActivationStatus.OPEN,
        reportFiled: false,
      };
  }
}

function opened(data: ActivationOpenedData): OpenedActivation {
  return {
    opened: true,
    activationId: data.activationId,
    status: ActivationStatus.OPEN,
    kind: data.kind,
    themes: data.themes,
    region: data.region,
    municipality: data.municipality,
    leadAgency: data.leadAgency,
    ...(data.location && { location: data.location }),
    ...(data.employer && { employer: data.employer }),
    ...(data.triggeredBy && { triggeredBy: data.triggeredBy }),
    participants: [data.leadAgency],
    invited: [],
    signals: new Map(),
    findings: new Map(),
    inspections: new Map(),
    interventionIds: new Set(),
    referralIds: new Set(),
    reportIds: new Set(),
    workStarted: false,
    reportFiled: false,
  };
}

function startWork(state: OpenedActivation): OpenedActivation {
  const status = state.status === ActivationStatus.OPEN ? ActivationStatus.IN_PROGRESS : state.status;
  return { ...state, status, workStarted: true };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

function withItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  return new Set(set).add(item);
}

function withMember<T>(list: readonly T[], item: T): readonly T[] {
  return list.includes(item) ? list : [...list, item];
}
