import { DomainError } from '../shared/rejection.js';

/** Why an erasure command is refused. Each code maps to one GraphQL error code in the API. */
export enum ErasureErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** Only privacy officers ask for and decide on erasures. */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  ALREADY_REQUESTED = 'ALREADY_REQUESTED',
  /** Approved or rejected already. */
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  /** The requester deciding on their own request: a second privacy officer decides. */
  OWN_REQUEST = 'OWN_REQUEST',
}

export type ErasureError = DomainError<ErasureErrorCode>;
