import { DomainError } from '../shared/rejection.js';

/** Why the agreement decider refuses a command. Each code maps to one GraphQL error code in the API. */
export enum AgreementErrorCode {
  /** The input is malformed: a bad agency code or category, an empty purpose, an end before the start. */
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** Only policy admins record agreements. */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  ALREADY_GRANTED = 'ALREADY_GRANTED',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  ALREADY_EXPIRED = 'ALREADY_EXPIRED',
  /** An expiry asked for before the agreement's end, or for an agreement without one. */
  EXPIRY_NOT_DUE = 'EXPIRY_NOT_DUE',
}

export type AgreementError = DomainError<AgreementErrorCode>;
