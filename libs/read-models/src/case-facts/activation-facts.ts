import {
  ActivationEvent,
  ActivationProgress,
  coordinatorsOf,
  RegionalCoordination,
  SAFETY_REGIONS_COORDINATE,
  SafetyRegion,
  evolveProgress,
  InterventionType,
  openedProgress,
} from '#domain';

/**
 * What a projector remembers of each activation, unredacted: its progress (the domain's own fold of
 * status, participants and kind, so the lists say what the decider judges), the case facts the list and
 * the statistics show, and so who is entitled to see it. Plain JSON, stored in the facts tables, never
 * exposed to the api.
 */
export interface ActivationFacts extends ActivationProgress {
  activationId: string;
  region: string;
  municipality: string;
  trigger: string;
  themes: string[];
  leadAgency: string;
  /** The human case number (from opening, or from activation.numbered for older activations). */
  caseNumber?: string | null;
  /** The strongest measure imposed so far, or null: how the LOT-C report counted outcomes. */
  strongestMeasure: InterventionType | null;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
  streamVersion: number;
  /** The stream version of activation.opened, whose location and employer the list shows redacted. */
  openedVersion: number;
  /**
   * The agencies that acted on the activation (the actors of its events): each keeps seeing what it
   * contributed after it leaves. Absent in facts written before read-models version 3.
   */
  contributors?: string[];
  /** The agencies something was addressed to (invited, referred): their inbox follows the activation. */
  addressed?: string[];
  /** The title as opened (a narrative, unredacted): what an inbox shows of the case, redacted per agency. */
  title?: unknown;
}

/** Closure weighs most: the order in which a measure counts as the activation's outcome. */
const MEASURE_WEIGHT: Record<InterventionType, number> = {
  [InterventionType.REFERRAL]: 1,
  [InterventionType.WARNING]: 2,
  [InterventionType.ORDER]: 3,
  [InterventionType.FINE]: 4,
  [InterventionType.CLOSURE]: 5,
};

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
      trigger: d.trigger,
      themes: [...d.themes],
      leadAgency: d.leadAgency,
      caseNumber: d.caseNumber ?? null,
      title: d.title,
      ...openedProgress(d),
      strongestMeasure: null,
      openedAt: at.occurredAt,
      closedAt: null,
      updatedAt: at.occurredAt,
      streamVersion: at.streamVersion,
      openedVersion: at.streamVersion,
    };
  }
  if (!facts) return undefined;
  const next: ActivationFacts = {
    ...facts,
    ...evolveProgress(withProgressDefaults(facts), event),
    updatedAt: at.occurredAt,
    streamVersion: at.streamVersion,
  };
  switch (event.type) {
    case 'intervention.imposed': {
      const measure = event.data.interventionType;
      if (!next.strongestMeasure || MEASURE_WEIGHT[measure] > MEASURE_WEIGHT[next.strongestMeasure]) {
        next.strongestMeasure = measure;
      }
      break;
    }
    case 'activation.closed':
      next.closedAt = at.occurredAt;
      break;
    case 'activation.reopened':
      next.closedAt = null;
      break;
    case 'lead.transferred':
      next.leadAgency = event.data.toAgency;
      break;
    case 'activation.numbered':
      next.caseNumber = event.data.caseNumber;
      break;
    case 'region.corrected':
      // The case moves to the right region's coordinators: who is entitled follows from here on.
      next.region = event.data.region;
      next.municipality = event.data.municipality;
      break;
    default:
      break;
  }
  return next;
}

/**
 * Facts stored before the progress fold was shared had no `invited` or `reportFiled`, and kept the
 * integrated-deployment decision as `integrated` (null while undecided): read them as the fold expects.
 */
function withProgressDefaults(facts: ActivationFacts): ActivationProgress {
  const stored = facts as ActivationFacts & { integrated?: boolean | null };
  const decided = stored.integratedDeployment ?? stored.integrated ?? undefined;
  return {
    ...facts,
    invited: facts.invited ?? [],
    reportFiled: facts.reportFiled ?? false,
    ...(decided !== undefined && decided !== null ? { integratedDeployment: decided } : {}),
  };
}

/**
 * Who sees an activation's rows (DESIGN §4): its participants and the coordinators of its region (the
 * safety region, and whom configuration names for it).
 */
export function entitledAgencies(
  facts: ActivationFacts,
  coordination: RegionalCoordination = SAFETY_REGIONS_COORDINATE,
): string[] {
  return [...new Set([...facts.participants, ...coordinatorsOf(coordination, facts.region as SafetyRegion)])];
}
