import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, GapSafeSubscription } from '#events';
import { AppConfig } from '#platform';
import { ERASURE_REQUESTS, ErasureRequestsProjector } from '#read-models';

/**
 * Keeps erasure_requests current from the erasure streams, here in the api that serves them: a gap-safe
 * subscription whose checkpoint moves in the transaction of the rows it writes, so nothing is skipped or
 * written twice across restarts. Several api instances share the one checkpoint and serialise on it (the
 * subscription's row lock), so any one of them projecting is enough. The worker may host the same
 * projector instead: it is the read-models library's, and the checkpoint is by name.
 */
@Injectable()
export class ErasureRequestsProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ERASURE_REQUESTS.name);
  private readonly subscription: GapSafeSubscription;
  private readonly projector = new ErasureRequestsProjector();

  constructor(dataSource: DataSource, store: EventStore, config: AppConfig) {
    this.subscription = new GapSafeSubscription(dataSource, store, {
      name: ERASURE_REQUESTS.name,
      ...config.subscriptions,
      databaseUrl: config.databaseUrl,
      onError: (error, retryInMs) =>
        retryInMs === undefined
          ? this.logger.warn(`lost the notification connection, reconnecting: ${error.message}`)
          : this.logger.error(`batch failed, will retry in ${retryInMs} ms: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.subscription.start((events, tx) => this.projector.handle(events, tx));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }
}
