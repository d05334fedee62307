import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ApiErrorCode } from '../../errors/index.js';

/** The HTTP status of each error code on the attachment routes; a `reason` may name a finer one. */
const STATUS: Record<ApiErrorCode, number> = {
  [ApiErrorCode.BAD_USER_INPUT]: 400,
  [ApiErrorCode.CONFLICT]: 409,
  [ApiErrorCode.FORBIDDEN]: 403,
  [ApiErrorCode.NOT_FOUND]: 404,
  [ApiErrorCode.UNAUTHENTICATED]: 401,
  [ApiErrorCode.DOMAIN_RULE]: 422,
  [ApiErrorCode.RATE_LIMITED]: 429,
  [ApiErrorCode.SERVICE_UNAVAILABLE]: 503,
};

const REASON_STATUS: Record<string, number> = {
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_CONTENT_TYPE: 415,
  NOT_MULTIPART: 415,
  // Destroyed with its activation's personal data: gone for good, told only to whom it was readable.
  ATTACHMENT_DESTROYED: 410,
};

/**
 * Answers an error of the attachment routes in keten's one error shape, the one GraphQL answers and the
 * request-body limits use: `{ "errors": [{ "message", "extensions": { "code", "reason", "field" } }] }`.
 */
export function sendError(response: ServerResponse, error: GraphQLError, { close = false } = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  const reason = typeof extensions.reason === 'string' ? extensions.reason : '';
  response.statusCode = REASON_STATUS[reason] ?? STATUS[extensions.code as ApiErrorCode] ?? 500;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  // A request whose body was not read to the end leaves nothing usable on the connection.
  if (close) response.setHeader('connection', 'close');
  response.end(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}
