import { AgencyCode } from '../shared/agency-code.value.js';
import { ProcessingActivityEvent, ProcessingActivityTerms } from './processing-activity.events.js';

export enum ProcessingActivityStatus {
  /** Proposed and never approved: not in the register, no read may declare it. */
  PROPOSED = 'PROPOSED',
  /** In the register at its current version. */
  REGISTERED = 'REGISTERED',
  /** Its first proposal was rejected. */
  REJECTED = 'REJECTED',
}

export interface PendingActivityProposal extends ProcessingActivityTerms {
  readonly proposedBy: string;
  readonly proposerAgency: AgencyCode;
}

export type ProcessingActivityState =
  | { readonly recorded: false }
  | (ProcessingActivityTerms & {
      readonly recorded: true;
      readonly activityId: string;
      readonly status: ProcessingActivityStatus;
      /** The approved version in the register; 0 while never approved. */
      readonly version: number;
      readonly pending?: PendingActivityProposal;
    });

export const initialProcessingActivityState: ProcessingActivityState = { recorded: false };

export function evolveProcessingActivity(
  state: ProcessingActivityState,
  event: ProcessingActivityEvent,
): ProcessingActivityState {
  if (event.type === 'processing-activity.proposed') {
    const { activityId, proposedBy, proposerAgency, reason: _reason, ...terms } = event.data;
    return {
      recorded: true,
      activityId,
      status: ProcessingActivityStatus.PROPOSED,
      version: 0,
      ...terms,
      pending: { ...terms, proposedBy, proposerAgency },
    };
  }
  if (!state.recorded) return state;
  switch (event.type) {
    case 'processing-activity.change-proposed': {
      const { proposedBy, proposerAgency, reason: _reason, ...terms } = event.data;
      return { ...state, pending: { ...terms, proposedBy, proposerAgency } };
    }
    case 'processing-activity.approved': {
      const { approvedBy: _by, approverAgency: _agency, reason: _reason, version, ...terms } = event.data;
      const { pending: _pending, ...rest } = state;
      return { ...rest, ...terms, version, status: ProcessingActivityStatus.REGISTERED };
    }
    case 'processing-activity.rejected': {
      const { pending: _pending, ...rest } = state;
      return state.status === ProcessingActivityStatus.PROPOSED
        ? { ...rest, status: ProcessingActivityStatus.REJECTED }
        : rest;
    }
  }
}
