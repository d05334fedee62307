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

/**
 * Errors keten raised on purpose (typed GraphQL errors) go to the client as they are and are not logged
 * as failures; anything else is logged with its stack and answered with a sentence that leaks nothing.
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
