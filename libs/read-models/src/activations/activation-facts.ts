import { ActivationEvent, ActivationStatus, InterventionType } from '#domain';

/**
 * What the projector remembers of each activation, unredacted: the case facts (all CASE category) that
 * the list and the statistics show, and who is entitled to see the activation. Plain JSON, stored in
 * rm_activation_facts, never exposed to the api.
 */
export interface ActivationFacts {
  activationId: string;
  region: string;
  municipality: string;
  kind: string;
  trigger: string;
  themes: string[];
  status: ActivationStatus;
  leadAgency: string;
  participants: string[];
  integrated: boolean | null;
  /** The strongest measure imposed so far, or null: how the LOT-C report counted outcomes. */
  strongestMeasure: InterventionType | null;
  closingOutcome: string | null;
  /** Whether any inspection, finding, intervention or referral happened: a reopened case resumes from there. */
  workStarted: boolean;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
  streamVersion: number;
  /** The stream version of activation.opened, whose location and employer the list shows redacted. */
  openedVersion: number;
}

/** Closure weighs most: the order in which a measure counts as the activation's outcome. */
const MEASURE_WEIGHT: Record<InterventionType, number> = {
  [InterventionType.REFERRAL]: 1,
  [InterventionType.WARNING]: 2,
  [InterventionType.ORDER]: 3,
  [InterventionType.FINE]: 4,
  [InterventionType.CLOSURE]: 5,
};

const WORK_STARTED = new Set<ActivationEvent['type']>([
  'inspection.scheduled',
  'finding.recorded',
  'intervention.imposed',
  'referral.made',
]);

export interface EventPosition {
  streamVersion: number;
  occurredAt: string;
}

/** The read side's fold: pure, and total over every event the store may hold for an activation. */
export function evolveFacts(
  facts: ActivationFacts | undefined,
  event: ActivationEvent,
  at: EventPosition,
): ActivationFacts | undefined {
  if (event.type === 'activation.opened') {
    const d = event.data;
    return {
      activationId: d.activationId,
      region: d.region,
      municipality: d.municipality,
      kind: d.kind,
      trigger: d.trigger,
      themes: [...d.themes],
      status: ActivationStatus.OPEN,
      leadAgency: d.leadAgency,
      participants: [d.leadAgency],
      integrated: null,
      strongestMeasure: null,
      closingOutcome: null,
      workStarted: false,
      openedAt: at.occurredAt,
      closedAt: null,
      updatedAt: at.occurredAt,
      streamVersion: at.streamVersion,
      openedVersion: at.streamVersion,
    };
  }
  if (!facts) return undefined;
  const next: ActivationFacts = { ...facts, updatedAt: at.occurredAt, streamVersion: at.streamVersion };
  if (WORK_STARTED.has(event.type)) {
    next.workStarted = true;
    if (next.status === ActivationStatus.OPEN) next.status = ActivationStatus.IN_PROGRESS;
  }
  switch (event.type) {
    case 'agency.joined':
      if (!next.participants.includes(event.data.agency))
        next.participants = [...next.participants, event.data.agency];
      break;
    case 'agency.left':
      next.participants = next.participants.filter((agency) => agency !== event.data.agency);
      break;
    case 'activation.escalated':
      next.kind = event.data.kind;
      break;
    case 'intervention.imposed': {
      const measure = event.data.interventionType;
      if (!next.strongestMeasure || MEASURE_WEIGHT[measure] > MEASURE_WEIGHT[next.strongestMeasure]) {
        next.strongestMeasure = measure;
      }
      break;
    }
    case 'integrated-deployment.decided':
      next.integrated = event.data.integrated;
      break;
    case 'activation.closed':
      next.status = ActivationStatus.CLOSED;
      next.closingOutcome = event.data.outcome;
      next.closedAt = at.occurredAt;
      break;
    case 'activation.reopened':
      next.status = next.workStarted ? ActivationStatus.IN_PROGRESS : ActivationStatus.OPEN;
      next.closedAt = null;
      break;
    default:
      break;
  }
  return next;
}

/** Who sees an activation's rows (DESIGN §4): its participants and the coordinators of its region. */
export function entitledAgencies(facts: ActivationFacts): string[] {
  return [...new Set([...facts.participants, facts.region])];
}
