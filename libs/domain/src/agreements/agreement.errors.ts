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

export interface AgreementError {
  readonly code: AgreementErrorCode;
  /** A sentence the person who sent the command can act on. */
  readonly message: string;
  /** The command field at fault, as a dotted path (`legalBasis.reference`, `categories[2]`), when there is one. */
  readonly field?: string;
}

/**
 * Thrown inside the decider and caught at its edge, so the rules read as straight-line checks; it never
 * escapes `decideAgreement`.
 */
export class AgreementRejection extends Error {
  constructor(readonly error: AgreementError) {
    super(error.message);
    this.name = 'AgreementRejection';
  }
}

export function reject(code: AgreementErrorCode, message: string, field?: string): never {
  throw new AgreementRejection(field === undefined ? { code, message } : { code, message, field });
}
