import { activationNotVisibleMessage } from '#domain';
import { apiError, ApiErrorCode } from '../../errors/index.js';

/**
 * The same answer whether the activation does not exist or your agency may not see it: telling the two
 * apart would tell an outsider that a case exists.
 */
export function activationNotFound(activationId: string) {
  return apiError(ApiErrorCode.NOT_FOUND, activationNotVisibleMessage(activationId), {
    reason: 'ACTIVATION_NOT_VISIBLE',
  });
}
