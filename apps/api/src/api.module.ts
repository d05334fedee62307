import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, PlatformModule } from '#platform';
import { ServerInfoResolver } from './server-info/server-info.resolver.js';

@Module({
  imports: [
    PlatformModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        autoSchemaFile: true,
        sortSchema: true,
        introspection: config.environment !== 'production',
        graphiql: config.environment === 'development',
      }),
    }),
  ],
  providers: [ServerInfoResolver],
})
export class ApiModule {}
