import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, PlatformModule } from '#platform';
import { AuthModule } from './auth/auth.module.js';
import { ServerInfoResolver } from './server-info/server-info.resolver.js';

@Module({
  imports: [
    PlatformModule,
    AuthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        autoSchemaFile: true,
        sortSchema: true,
        introspection: config.environment !== 'production',
        graphiql: config.environment === 'development',
        context: ({ req }: { req: unknown }) => ({ req }),
      }),
    }),
  ],
  providers: [ServerInfoResolver],
})
export class ApiModule {}
