import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { ExecutionResult } from 'graphql';
import type { FormattedExecutionResult, ServerOptions } from 'graphql-ws';
import { AppConfig, PlatformModule } from '#platform';
import { ActivationsModule } from './activations/index.js';
import { AgreementPreviewModule } from './agreement-preview/index.js';
import { AgreementsModule } from './agreements/index.js';
import { AttachmentsModule } from './attachments/index.js';
import { AccessLogModule } from './access-log/index.js';
import { AuthModule, WebSocketAuth } from './auth/index.js';
import { ErasuresModule } from './erasures/index.js';
import { ConsoleModule } from './console/index.js';
import { ApiErrorCode, GraphqlExceptionFilter, inputValidationPipe } from './errors/index.js';
import { FeedsModule } from './feeds/index.js';
import { GraphqlLimits, LimitsModule } from './limits/index.js';
import { ProcessingActivitiesModule } from './processing-activities/index.js';
import { ReadsModule } from './reads/index.js';
import { RetentionModule } from './retention/index.js';
import { ServerInfoResolver } from './server-info/index.js';

/**
 * graphql-js refuses variables it cannot coerce (a missing or null required argument, a string for an Int)
 * with request errors that carry no code. Over HTTP Apollo answers them as BAD_USER_INPUT; over graphql-ws
 * they would reach the client without one, so they get the same code here. Errors a resolver raised
 * carry a path and a code of their own already (GraphqlExceptionFilter).
 */
function withRequestErrorCodes(result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.some((error) => !error.path && error.extensions?.code === undefined)) return undefined;
  const { errors, ...rest } = result;
  return {
    ...rest,
    errors: errors.map((error) =>
      error.path || error.extensions?.code !== undefined
        ? error.toJSON()
        : { ...error.toJSON(), extensions: { ...error.extensions, code: ApiErrorCode.BAD_USER_INPUT } },
    ),
  };
}

@Module({
  imports: [
    PlatformModule,
    AuthModule,
    LimitsModule,
    AccessLogModule,
    ActivationsModule,
    AttachmentsModule,
    AgreementsModule,
    AgreementPreviewModule,
    ProcessingActivitiesModule,
    ReadsModule,
    RetentionModule,
    ErasuresModule,
    FeedsModule,
    ConsoleModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule],
      inject: [AppConfig, WebSocketAuth],
      useFactory: (config: AppConfig, sockets: WebSocketAuth): ApolloDriverConfig => {
        const introspection = config.environment !== 'production';
        const limits = new GraphqlLimits(config.graphqlLimits, introspection);
        const socketLimits = limits.subscriptionOptions();
        const socketOptions = sockets.serverOptions('/graphql');
        // graphql-ws parses and validates on its own, so the limits must be given to it too. Nest passes
        // every option through to graphql-ws, though its type names only some (graphql-limits.spec proves it).
        const socketServerOptions: GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'validate'> = {
          ...socketOptions,
          validate: socketLimits.validate,
          onSubscribe: async (ctx, id, payload) =>
            (await socketOptions.onSubscribe?.(ctx, id, payload)) ?? socketLimits.checkLength(payload.query),
          onNext: (_ctx, _id, _payload, _args, result) => withRequestErrorCodes(result),
        };
        return {
          autoSchemaFile: true,
          sortSchema: true,
          introspection,
          // The explorer is the console's /explorer (its own packages, no CDN): no landing page here.
          graphiql: false,
          ...limits.apolloOptions(),
          // Over HTTP the request carries the token; over a WebSocket the connection was authenticated at connect.
          context: (request: { req?: unknown; res?: unknown }) =>
            sockets.contextFor(request) ?? { req: request.req, res: request.res },
          subscriptions: { 'graphql-ws': socketServerOptions },
          // An unauthenticated request is a 401 at the HTTP level too (DESIGN §6): keep the status apiError sets.
          preserveHttpStatusForExecutionErrors: false,
          includeStacktraceInErrorResponses: false,
        };
      },
    }),
  ],
  providers: [
    ServerInfoResolver,
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class ApiModule {}
