import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchHandler, EventStore, GapSafeSubscription } from '#events';
import { AppConfig } from '#platform';

/**
 * Runs one gap-safe subscription for the life of the worker: started at bootstrap, drained at shutdown,
 * failures logged and retried (the batch's transaction rolled back, so nothing half-done remains).
 */
export abstract class SubscriptionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly subscription: GapSafeSubscription;

  protected constructor(name: string, dataSource: DataSource, store: EventStore, config: AppConfig) {
    this.logger = new Logger(name);
    this.subscription = new GapSafeSubscription(dataSource, store, {
      name,
      ...config.subscriptions,
      databaseUrl: config.databaseUrl,
      onError: (error) => this.logger.error(`batch failed, will retry: ${error.message}`),
    });
  }

  protected abstract readonly handler: BatchHandler;

  onApplicationBootstrap(): void {
    this.subscription.start(this.handler);
  }

  onApplicationShutdown(): Promise<void> {
    return this.subscription.stop();
  }

  progress() {
    return this.subscription.progress();
  }
}
