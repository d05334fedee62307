import { GraphQLError } from 'graphql';

/** The error codes every GraphQL client of keten can rely on in `extensions.code`. */
export enum ApiErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  DOMAIN_RULE = 'DOMAIN_RULE',
}

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = {
  [ApiErrorCode.UNAUTHENTICATED]: 401,
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
