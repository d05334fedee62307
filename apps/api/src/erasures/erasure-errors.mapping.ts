import { ErasureErrorCode } from '#domain';
import { ApiErrorCode } from '../errors/index.js';

/** Exhaustive: a new erasure error code without a GraphQL code here fails to compile. */
export const ERASURE_ERROR_CODES: Record<ErasureErrorCode, ApiErrorCode> = {
  [ErasureErrorCode.INVALID_INPUT]: ApiErrorCode.BAD_USER_INPUT,
  [ErasureErrorCode.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [ErasureErrorCode.ROLE_NOT_ALLOWED]: ApiErrorCode.FORBIDDEN,
  [ErasureErrorCode.ALREADY_REQUESTED]: ApiErrorCode.CONFLICT,
  [ErasureErrorCode.ALREADY_DECIDED]: ApiErrorCode.DOMAIN_RULE,
  [ErasureErrorCode.OWN_REQUEST]: ApiErrorCode.FORBIDDEN,
};
