import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AppConfig } from '#platform';
import { Public } from '../auth/index.js';

@ObjectType({ description: 'Which keten answers, so a client can tell environments apart.' })
export class ServerInfo {
  @Field()
  name!: string;

  @Field()
  version!: string;

  @Field()
  environment!: string;
}

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Query(() => ServerInfo)
  serverInfo(): ServerInfo {
    return {
      name: 'keten',
      version: process.env.npm_package_version ?? '0.1.0',
      environment: this.config.environment,
    };
  }
}
