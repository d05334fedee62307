import { AgencyCode } from '../shared/agency-code.value.js';
import { AgreementEvent, AgreementTerms } from './agreement.events.js';

export enum AgreementStatus {
  /** Proposed by one party, waiting for the other party's policy admin: not in force. */
  PROPOSED = 'PROPOSED',
  /** Approved by both parties and neither revoked nor expired; whether it applies at a moment also depends on its dates. */
  GRANTED = 'GRANTED',
  /** The proposal was refused by the other party; it never took effect. */
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

export interface UnrecordedAgreement {
  readonly recorded: false;
}

/** A proposal waiting for the other party: the first terms of an agreement, or a change of one in force. */
export interface PendingProposal extends AgreementTerms {
  readonly kind: 'AGREEMENT' | 'AMENDMENT';
  readonly proposedBy: string;
  readonly proposerAgency: AgencyCode;
  readonly reason?: string;
}

/**
 * An agreement as its stream stands. Its terms are those in force (or, while PROPOSED, those proposed);
 * `pending` is a proposal still to be decided.
 */
export interface RecordedAgreement extends AgreementTerms {
  readonly recorded: true;
  readonly agreementId: string;
  readonly agency: AgencyCode;
  /**
   * The other party, who decides on what the agency proposes and vice versa. Absent for an agreement
   * recorded before four eyes: its only party is its agency.
   */
  readonly approverAgency?: AgencyCode;
  /** Who proposed it (or, before four eyes, granted it). */
  readonly grantedBy: string;
  /** The policy admin whose approval brought the terms in force. */
  readonly approvedBy?: string;
  readonly status: AgreementStatus;
  readonly pending?: PendingProposal;
}

export type AgreementState = UnrecordedAgreement | RecordedAgreement;

export const initialAgreementState: AgreementState = { recorded: false };

/** The agencies that are party to an agreement: only their policy admins may act on it, or know of it. */
export function agreementParties(agreement: RecordedAgreement): AgencyCode[] {
  return agreement.approverAgency === undefined
    ? [agreement.agency]
    : [agreement.agency, agreement.approverAgency];
}

export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  switch (event.type) {
    case 'agreement.proposed': {
      const { agreementId, agency, approverAgency, proposedBy, proposerAgency, reason, ...terms } =
        event.data;
      return {
        recorded: true,
        agreementId,
        agency,
        approverAgency,
        grantedBy: proposedBy,
        status: AgreementStatus.PROPOSED,
        ...terms,
        pending: {
          kind: 'AGREEMENT',
          ...terms,
          proposedBy,
          proposerAgency,
          ...(reason !== undefined && { reason }),
        },
      };
    }
    case 'agreement.granted':
      return { recorded: true, ...withoutUndefined(event.data), status: AgreementStatus.GRANTED };
  }
  // Only a recorded agreement is ever appended to; anything before it is ignored, not guessed at.
  if (!state.recorded) return state;
  switch (event.type) {
    case 'agreement.amendment-proposed': {
      const { proposedBy, proposerAgency, reason, ...terms } = event.data;
      return { ...state, pending: { kind: 'AMENDMENT', ...terms, proposedBy, proposerAgency, reason } };
    }
    case 'agreement.approved': {
      const { approvedBy, approverAgency: _agency, reason: _reason, ...terms } = event.data;
      return { ...withTerms(state, terms), status: AgreementStatus.GRANTED, approvedBy };
    }
    case 'agreement.rejected': {
      const { pending: _pending, ...rest } = state;
      // A refused change leaves the agreement as it was; a refused agreement never took effect.
      return state.pending?.kind === 'AMENDMENT' ? rest : { ...rest, status: AgreementStatus.REJECTED };
    }
    case 'agreement.amended': {
      const { amendedBy: _by, reason: _reason, ...terms } = event.data;
      return withTerms(state, terms);
    }
    case 'agreement.revoked': {
      const { pending: _pending, ...rest } = state;
      return { ...rest, status: AgreementStatus.REVOKED };
    }
    case 'agreement.expired': {
      const { pending: _pending, ...rest } = state;
      return { ...rest, status: AgreementStatus.EXPIRED };
    }
  }
}

/** The terms replaced in full (optional ones left out are gone), and nothing pending any more. */
function withTerms(state: RecordedAgreement, terms: AgreementTerms): RecordedAgreement {
  const { validUntil: _until, regionScope: _scope, pending: _pending, ...kept } = state;
  return { ...kept, ...withoutUndefined(terms) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
