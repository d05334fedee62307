import { GraphQLError } from 'graphql';

/** The error codes every GraphQL client of keten can rely on in `extensions.code`. */
export enum ApiErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  DOMAIN_RULE = 'DOMAIN_RULE',
  /** Too many requests or subscriptions for the caller's agency; retry after `extensions.retryAfterSeconds`. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A dependency (the database) is unreachable; nothing was written, retry shortly. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = {
  [ApiErrorCode.UNAUTHENTICATED]: 401,
  [ApiErrorCode.RATE_LIMITED]: 429,
  [ApiErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * A GraphQL error with a stable code and a sentence a person can act on. `reason` carries the
 * capability's own, finer code (e.g. ACTIVATION_CLOSED) for clients that want it.
 */
export function apiError(
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...details, ...(status ? { http: { status } } : {}) },
  });
}
