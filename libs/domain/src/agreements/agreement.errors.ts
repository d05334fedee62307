import { DomainError } from '../shared/rejection.js';

/** Why the agreement decider refuses a command. Each code maps to one GraphQL error code in the API. */
export enum AgreementErrorCode {
  /** The input is malformed: a bad agency code or category, an empty purpose, an end before the start. */
  INVALID_INPUT = 'INVALID_INPUT',
  /** No such agreement, or one the actor's agency is not party to: the same answer. */
  NOT_FOUND = 'NOT_FOUND',
  /** Only policy admins record agreements. */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  /** A proposal names two parties neither of which is the proposer's agency. */
  NOT_A_PARTY = 'NOT_A_PARTY',
  /** Approving or rejecting what one's own agency proposed: the other party decides. */
  OWN_PROPOSAL = 'OWN_PROPOSAL',
  /** Approving or rejecting with nothing pending. */
  NOTHING_PENDING = 'NOTHING_PENDING',
  /** A change proposed while another is still pending. */
  PROPOSAL_PENDING = 'PROPOSAL_PENDING',
  /** A change of an agreement recorded before four eyes, which names no other party to approve it. */
  NO_OTHER_PARTY = 'NO_OTHER_PARTY',
  ALREADY_GRANTED = 'ALREADY_GRANTED',
  /** Revoking or amending an agreement that was rejected or is still only proposed. */
  NOT_IN_FORCE = 'NOT_IN_FORCE',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  ALREADY_EXPIRED = 'ALREADY_EXPIRED',
  /** An expiry asked for before the agreement's end, or for an agreement without one. */
  EXPIRY_NOT_DUE = 'EXPIRY_NOT_DUE',
}

export type AgreementError = DomainError<AgreementErrorCode>;
