import { CommandIdReusedError, CommandRejectedError, StreamVersionConflictError } from '#events';
import { apiError, ApiErrorCode } from './api-error.js';

/**
 * Turns what the command path throws into the client's typed error: the decider's verdict through the
 * capability's exhaustive code mapping, concurrency and reuse as CONFLICT. Anything else is a fault.
 */
export function toApiError<Code extends string>(error: unknown, codes: Record<Code, ApiErrorCode>): unknown {
  if (error instanceof CommandRejectedError) {
    const { code, message, field } = error.error as { code: Code; message: string; field?: string };
    return apiError(codes[code], message, { reason: code, ...(field ? { field } : {}) });
  }
  if (error instanceof StreamVersionConflictError || error instanceof CommandIdReusedError) {
    return apiError(ApiErrorCode.CONFLICT, error.message, { reason: error.code });
  }
  return error;
}
