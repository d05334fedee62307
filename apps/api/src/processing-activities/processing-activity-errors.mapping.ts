import { ProcessingActivityErrorCode } from '#domain';
import { ApiErrorCode } from '../errors/index.js';

/** Exhaustive: a new register error code without a GraphQL code here fails to compile. */
export const PROCESSING_ACTIVITY_ERROR_CODES: Record<ProcessingActivityErrorCode, ApiErrorCode> = {
  [ProcessingActivityErrorCode.INVALID_INPUT]: ApiErrorCode.BAD_USER_INPUT,
  [ProcessingActivityErrorCode.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [ProcessingActivityErrorCode.ROLE_NOT_ALLOWED]: ApiErrorCode.FORBIDDEN,
  [ProcessingActivityErrorCode.NOT_A_CONTROLLER]: ApiErrorCode.FORBIDDEN,
  [ProcessingActivityErrorCode.OWN_PROPOSAL]: ApiErrorCode.FORBIDDEN,
  [ProcessingActivityErrorCode.NOTHING_PENDING]: ApiErrorCode.DOMAIN_RULE,
  [ProcessingActivityErrorCode.PROPOSAL_PENDING]: ApiErrorCode.DOMAIN_RULE,
  [ProcessingActivityErrorCode.ALREADY_PROPOSED]: ApiErrorCode.CONFLICT,
  [ProcessingActivityErrorCode.NOT_REGISTERED]: ApiErrorCode.DOMAIN_RULE,
};
