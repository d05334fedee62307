import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, PlatformModule } from '#platform';
import { ActivationsModule } from './activations/activations.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuthModule } from './auth/auth.module.js';
import { WebSocketAuth } from './auth/websocket-auth.js';
import { GraphqlExceptionFilter } from './errors/graphql-exception.filter.js';
import { inputValidationPipe } from './errors/input-validation.pipe.js';
import { FeedsModule } from './feeds/feeds.module.js';
import { ReadsModule } from './reads/reads.module.js';
import { ServerInfoResolver } from './server-info/server-info.resolver.js';

@Module({
  imports: [
    PlatformModule,
    AuthModule,
    ActivationsModule,
    AgreementsModule,
    ReadsModule,
    FeedsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule],
      inject: [AppConfig, WebSocketAuth],
      useFactory: (config: AppConfig, sockets: WebSocketAuth) => ({
        autoSchemaFile: true,
        sortSchema: true,
        introspection: config.environment !== 'production',
        graphiql: config.environment === 'development',
        // Over HTTP the request carries the token; over a WebSocket the connection was authenticated at connect.
        context: (request: { req?: unknown }) => sockets.contextFor(request) ?? { req: request.req },
        subscriptions: { 'graphql-ws': sockets.serverOptions('/graphql') },
        // An unauthenticated request is a 401 at the HTTP level too (DESIGN §6): keep the status apiError sets.
        preserveHttpStatusForExecutionErrors: false,
        includeStacktraceInErrorResponses: false,
      }),
    }),
  ],
  providers: [
    ServerInfoResolver,
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class ApiModule {}
