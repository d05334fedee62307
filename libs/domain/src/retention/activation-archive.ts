import { ProcessingActivityEvent } from '../processing-activities/processing-activity.events.js';
import {
  evolveProcessingActivity,
  initialProcessingActivityState,
  ProcessingActivityStatus,
} from '../processing-activities/processing-activity.state.js';
import { ActivationStatus } from '../activations/activation.vocabulary.js';
import { amsterdamDateOf } from '../shared/amsterdam-time.js';
import { ArchiveDecision, archiveDecisionOf, SelectionListCategory } from './archive-decision.js';

/*
 * Which processing activity an activation's records belong to: keten records activations for case
 * coordination, the activity every read of a case serves by default. Its register entry's selection-list
 * category decides every activation's archive decision.
 */
export const ACTIVATION_PROCESSING_ACTIVITY = 'case-coordination';

/** An event of a register entry's stream with the moment it took place. */
export interface RecordedRegisterEvent {
  readonly event: ProcessingActivityEvent;
  readonly occurredAt: string;
}

/**
 * The selection-list category the register entry held (approved) at `at`: what was in force when an
 * activation closed, so a later change of the register never moves an earlier decision. Undefined when
 * the entry was not registered then, or had no category.
 */
export function selectionListCategoryAt(
  history: readonly RecordedRegisterEvent[],
  at: string,
): SelectionListCategory | undefined {
  const moment = Date.parse(at);
  let state = initialProcessingActivityState;
  for (const { event, occurredAt } of history) {
    if (Date.parse(occurredAt) > moment) break;
    state = evolveProcessingActivity(state, event);
  }
  return state.recorded && state.status === ProcessingActivityStatus.REGISTERED
    ? state.selectionListCategory
    : undefined;
}

/**
 * The archive decision an activation carries: decided when it closed, under the category in force then;
 * none while it is open (reopening clears it, closing again decides anew from the new day of closing) or
 * when no category was configured.
 */
export function activationArchiveDecision(
  activation: { readonly status: string; readonly closedAt: string | null },
  category: SelectionListCategory | undefined,
): ArchiveDecision | null {
  if (activation.status !== ActivationStatus.CLOSED || !activation.closedAt || !category) return null;
  return archiveDecisionOf(category, activation.closedAt);
}

/** The day it is at `now` (an ISO timestamp) in the Netherlands, YYYY-MM-DD: the day archive decisions count. */
export function archiveDayOf(now: string): string {
  return amsterdamDateOf(now);
}
