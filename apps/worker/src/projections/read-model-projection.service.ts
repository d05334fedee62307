import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, GapSafeSubscription } from '#events';
import { AppConfig } from '#platform';
import { READ_MODEL_SUBSCRIPTION, ReadModelProjector } from '#read-models';

/** Keeps every agency's read models current: the projector on the gap-safe subscription. */
@Injectable()
export class ReadModelProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModelProjection');
  private readonly subscription: GapSafeSubscription;
  private readonly projector: ReadModelProjector;

  constructor(dataSource: DataSource, store: EventStore, config: AppConfig) {
    this.projector = new ReadModelProjector(store);
    this.subscription = new GapSafeSubscription(dataSource, store, {
      name: READ_MODEL_SUBSCRIPTION,
      ...config.subscriptions,
      databaseUrl: config.databaseUrl,
      onError: (error) => this.logger.error(`projection batch failed, will retry: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.subscription.start((events, tx) => this.projector.handle(events, tx));
  }

  onApplicationShutdown(): Promise<void> {
    return this.subscription.stop();
  }

  progress() {
    return this.subscription.progress();
  }
}
