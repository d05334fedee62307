import { AgencyCode } from '../shared/agency-code.value.js';
import { ActivationEvent, ActivationOpenedData } from './activation.events.js';
import { ActivationKind, ActivationStatus } from './activation.vocabulary.js';

/**
 * Where an activation stands: its status and what decides it, who takes part, its kind. The one fold of
 * these rules: the decider's state and the read side's case facts both carry it, so what the decider
 * judges and what the lists and statistics show cannot drift apart.
 */
export interface ActivationProgress {
  readonly status: ActivationStatus;
  readonly kind: ActivationKind;
  /** Agencies that act on the activation, the lead agency first. */
  readonly participants: readonly AgencyCode[];
  /** Agencies invited that have not joined yet. */
  readonly invited: readonly AgencyCode[];
  /** Whether inspections, findings, interventions or referrals happened; decides OPEN vs IN_PROGRESS. */
  readonly workStarted: boolean;
  /** Whether a report was filed since the activation was opened or last reopened. */
  readonly reportFiled: boolean;
  /** The last decision on integrated deployment; absent while undecided. */
  readonly integratedDeployment?: boolean;
}

/** The event types that mean work on the case has started. */
const WORK: ReadonlySet<ActivationEvent['type']> = new Set<ActivationEvent['type']>([
  'inspection.scheduled',
  'inspection.completed',
  'finding.recorded',
  'intervention.imposed',
  'referral.made',
]);

export function openedProgress(data: ActivationOpenedData): ActivationProgress {
  return {
    status: ActivationStatus.OPEN,
    kind: data.kind,
    participants: [data.leadAgency],
    invited: [],
    workStarted: false,
    reportFiled: false,
  };
}

/** Pure and total: any event the store may hold for an opened activation moves its progress or leaves it. */
export function evolveProgress(progress: ActivationProgress, event: ActivationEvent): ActivationProgress {
  if (WORK.has(event.type)) {
    const status = progress.status === ActivationStatus.OPEN ? ActivationStatus.IN_PROGRESS : progress.status;
    progress = { ...progress, status, workStarted: true };
  }
  switch (event.type) {
    case 'activation.opened':
      return openedProgress(event.data);
    case 'agency.invited':
      return { ...progress, invited: withMember(progress.invited, event.data.agency) };
    case 'agency.joined':
      return {
        ...progress,
        participants: withMember(progress.participants, event.data.agency),
        invited: progress.invited.filter((agency) => agency !== event.data.agency),
      };
    case 'invitation.declined':
      return { ...progress, invited: progress.invited.filter((agency) => agency !== event.data.agency) };
    case 'agency.left':
      return {
        ...progress,
        participants: progress.participants.filter((agency) => agency !== event.data.agency),
      };
    case 'activation.escalated':
      return { ...progress, kind: ActivationKind.REPRESSIVE };
    case 'lead.transferred':
      // The lead agency comes first among the participants.
      return {
        ...progress,
        participants: [
          event.data.toAgency,
          ...progress.participants.filter((agency) => agency !== event.data.toAgency),
        ],
      };
    case 'integrated-deployment.decided':
      return { ...progress, integratedDeployment: event.data.integrated };
    case 'report.filed':
      return { ...progress, reportFiled: true };
    case 'activation.closed':
      return { ...progress, status: ActivationStatus.CLOSED };
    case 'activation.reopened':
      return {
        ...progress,
        status: progress.workStarted ? ActivationStatus.IN_PROGRESS : ActivationStatus.OPEN,
        reportFiled: false,
      };
    default:
      return progress;
  }
}

function withMember<T>(list: readonly T[], item: T): readonly T[] {
  return list.includes(item) ? list : [...list, item];
}
