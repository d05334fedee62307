import { DomainError } from '../shared/rejection.js';

/** Why the register refuses a command. Each code maps to one GraphQL error code in the API. */
export enum ProcessingActivityErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** Only policy admins keep the register. */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  /** Only a policy admin of one of the activity's controllers acts on its entry. */
  NOT_A_CONTROLLER = 'NOT_A_CONTROLLER',
  /** The proposer's agency approving or rejecting its own proposal. */
  OWN_PROPOSAL = 'OWN_PROPOSAL',
  NOTHING_PENDING = 'NOTHING_PENDING',
  PROPOSAL_PENDING = 'PROPOSAL_PENDING',
  ALREADY_PROPOSED = 'ALREADY_PROPOSED',
  /** Changing an entry that was never registered. */
  NOT_REGISTERED = 'NOT_REGISTERED',
}

export type ProcessingActivityError = DomainError<ProcessingActivityErrorCode>;
