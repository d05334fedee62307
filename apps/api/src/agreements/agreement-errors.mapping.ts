import { AgreementErrorCode } from '#domain';
import { ApiErrorCode } from '../errors/index.js';

/** Exhaustive: a new agreement error code without a GraphQL code here fails to compile. */
export const AGREEMENT_ERROR_CODES: Record<AgreementErrorCode, ApiErrorCode> = {
  [AgreementErrorCode.INVALID_INPUT]: ApiErrorCode.BAD_USER_INPUT,
  [AgreementErrorCode.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [AgreementErrorCode.ROLE_NOT_ALLOWED]: ApiErrorCode.FORBIDDEN,
  [AgreementErrorCode.NOT_A_PARTY]: ApiErrorCode.FORBIDDEN,
  [AgreementErrorCode.OWN_PROPOSAL]: ApiErrorCode.FORBIDDEN,
  [AgreementErrorCode.NOTHING_PENDING]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.PROPOSAL_PENDING]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.NO_OTHER_PARTY]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.ALREADY_GRANTED]: ApiErrorCode.CONFLICT,
  [AgreementErrorCode.NOT_IN_FORCE]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.ALREADY_REVOKED]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.ALREADY_EXPIRED]: ApiErrorCode.DOMAIN_RULE,
  [AgreementErrorCode.EXPIRY_NOT_DUE]: ApiErrorCode.DOMAIN_RULE,
};
