import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '#platform';

/** The parts of Nest's subscription service this reaches into; none of them is public API. */
interface DriverWithSubscriptions {
  _subscriptionService?: { wss?: { options: { maxPayload?: number } } };
}

/**
 * Holds a GraphQL-over-WebSocket message to MAX_REQUEST_BODY_BYTES, as an HTTP body is held: `ws` reads
 * messages of up to 100 MiB by default, before graphql-ws (or the token check) sees any of them, and
 * closes the connection with 1009 when one is larger. Nest creates the WebSocket server without a way to
 * pass options, so this sets it on the server Nest made, which `ws` reads at every new connection; if Nest
 * ever moves it, the api refuses to start rather than run without the limit.
 */
@Injectable()
export class WebSocketFrameLimit implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const graphql = this.moduleRef.get(GraphQLModule, { strict: false });
    const driver = graphql.graphQlAdapter as unknown as DriverWithSubscriptions;
    const server = driver._subscriptionService?.wss;
    if (!server?.options) {
      throw new Error(
        'Cannot limit GraphQL WebSocket messages: @nestjs/apollo no longer keeps its WebSocket server where keten looks for it.',
      );
    }
    server.options.maxPayload = this.config.maxRequestBodyBytes;
  }
}
