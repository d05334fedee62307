import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { apiError, ApiErrorCode } from './api-error.js';

const HTTP_CODES: Record<number, ApiErrorCode> = {
  400: ApiErrorCode.BAD_USER_INPUT,
  401: ApiErrorCode.UNAUTHENTICATED,
  403: ApiErrorCode.FORBIDDEN,
  404: ApiErrorCode.NOT_FOUND,
  409: ApiErrorCode.CONFLICT,
};

/** Node socket errors: the server is not there, or the connection to it broke. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say "the database is not available right now", not "this request is wrong": connection
 * exceptions (class 08), the server shutting down or restarting (57P01-57P03), no connection slot (53300).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and its pool say when a connection ends or cannot be had in time. */
const CONNECTION_LOST =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection refused|connect ECONNREFUSED/i;

const RUNNER_RELEASED = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/**
 * True when an error says Postgres could not be reached or dropped the connection (a restart, a failover,
 * an exhausted pool): the same request may succeed shortly (commands are idempotent by commandId). Looks through
 * TypeORM's QueryFailedError (driverError) and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_ERRORS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return true;
  }
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
  // TypeORM releases a query runner whose connection failed; the next query on it throws this. keten never
  // uses a runner after its transaction ended, so here it means the session was lost between two queries.
  // TypeORM 1.x names it QueryRunnerAlreadyReleasedError, older releases QueryRunnerProviderAlreadyReleasedError.
  if (RUNNER_RELEASED.has((error as Error).name)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/**
 * Errors keten raised on purpose (typed GraphQL errors) go to the client as they are and are not logged
 * as failures; an unreachable database is SERVICE_UNAVAILABLE (HTTP 503, retry shortly); anything else is
 * logged with its stack and answered with a sentence that leaks nothing.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly graphqlLogger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost) {
    // HTTP routes (health probes) keep Nest's own JSON error handling.
    if (host.getType<string>() !== 'graphql') return super.catch(exception, host);
    GqlArgumentsHost.create(host);
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof HttpException && HTTP_CODES[exception.getStatus()]) {
      return apiError(HTTP_CODES[exception.getStatus()], exception.message);
    }
    if (isDatabaseUnavailable(exception)) {
      // Expected while Postgres restarts: one line, no stack; the client gets a 503 it may retry.
      this.graphqlLogger.warn(
        `database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      return apiError(
        ApiErrorCode.SERVICE_UNAVAILABLE,
        'keten cannot reach its database right now. Try again in a few seconds; a command sent again ' +
          'with the same commandId is applied at most once.',
      );
    }
    this.graphqlLogger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return new GraphQLError(
      'keten could not complete this request; try again, and report it if it persists.',
      {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    );
  }
}
