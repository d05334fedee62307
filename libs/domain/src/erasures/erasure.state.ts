import { AgencyCode } from '../shared/agency-code.value.js';
import { ErasureEvent, ErasureGround, ErasureTarget } from './erasure.events.js';

export enum ErasureStatus {
  /** Asked for; nothing is erased until a second privacy officer approves. */
  REQUESTED = 'REQUESTED',
  /** Approved: the subject's keys are gone. */
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export type ErasureState =
  | { readonly recorded: false }
  | {
      readonly recorded: true;
      readonly erasureId: string;
      readonly target: ErasureTarget;
      readonly ground: ErasureGround;
      readonly status: ErasureStatus;
      readonly requestedBy: string;
      readonly requesterAgency: AgencyCode;
    };

export const initialErasureState: ErasureState = { recorded: false };

export function evolveErasure(state: ErasureState, event: ErasureEvent): ErasureState {
  switch (event.type) {
    case 'erasure.requested': {
      const { erasureId, target, ground, requestedBy, requesterAgency } = event.data;
      return {
        recorded: true,
        erasureId,
        target,
        ground,
        requestedBy,
        requesterAgency,
        status: ErasureStatus.REQUESTED,
      };
    }
    case 'erasure.approved':
      return state.recorded ? { ...state, status: ErasureStatus.APPROVED } : state;
    case 'erasure.rejected':
      return state.recorded ? { ...state, status: ErasureStatus.REJECTED } : state;
  }
}
