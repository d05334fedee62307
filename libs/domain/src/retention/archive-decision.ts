import { amsterdamDateOf } from '../shared/amsterdam-time.js';
import { addPeriod, parseIsoPeriod } from '../shared/iso-period.value.js';

/*
 * The Archiefwet's decision per case: whether its record is kept for good (bewaren, to be transferred to an
 * archive) or destroyed (vernietigen) once its term has passed, and from which day (archiefactiedatum). The
 * term comes from a category of the selection list (selectielijst), configured per processing activity;
 * it runs from the day the activation was closed (brondatum), in the Netherlands.
 */
export enum ArchiveNomination {
  KEEP = 'KEEP',
  DESTROY = 'DESTROY',
}

/** A category of the selection list, as configured for a processing activity. */
export interface SelectionListCategory {
  /** Its number in the list, e.g. `1.1.3`. */
  readonly id: string;
  readonly nomination: ArchiveNomination;
  /** For DESTROY: the term, as an ISO 8601 period (P5Y). */
  readonly term?: string;
}

export interface ArchiveDecision {
  readonly category: string;
  readonly nomination: ArchiveNomination;
  /** The day from which the record is destroyed (DESTROY); null for a record kept for good. */
  readonly actionDate: string | null;
}

/** The decision for an activation closed at `closedAt` (an ISO timestamp), under its category. */
export function archiveDecisionOf(category: SelectionListCategory, closedAt: string): ArchiveDecision {
  if (category.nomination === ArchiveNomination.KEEP) {
    return { category: category.id, nomination: ArchiveNomination.KEEP, actionDate: null };
  }
  const term = parseIsoPeriod(category.term ?? '');
  if (!term) {
    throw new Error(
      `Selection-list category ${category.id} destroys without a term; give one as an ISO 8601 period such as P5Y.`,
    );
  }
  return {
    category: category.id,
    nomination: ArchiveNomination.DESTROY,
    actionDate: addPeriod(amsterdamDateOf(closedAt), term),
  };
}

/** True when the record is to be destroyed on `today` (YYYY-MM-DD, in the Netherlands): its day has come. */
export function isDueForDestruction(decision: ArchiveDecision, today: string): boolean {
  return decision.nomination === ArchiveNomination.DESTROY && decision.actionDate! <= today;
}
