import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchHandler, EventStore, GapSafeSubscription } from '#events';
import { AppConfig } from '#platform';
import { every, WorkerMetrics } from '../metrics/worker-metrics.js';

/** How often the host measures its subscription's lag for the metrics. */
const LAG_INTERVAL_MS = 1000;

/**
 * Runs one gap-safe subscription for the life of the worker: started at bootstrap, drained at shutdown,
 * failures logged and retried with backoff (the batch's transaction rolled back, so nothing half-done
 * remains), and its lag measured for the worker's metrics.
 */
export abstract class SubscriptionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly subscription: GapSafeSubscription;
  private stopMeasuring?: () => Promise<void>;

  protected constructor(
    /** The projection's name: its checkpoint and metrics label. */
    readonly name: string,
    dataSource: DataSource,
    store: EventStore,
    config: AppConfig,
    private readonly metrics: WorkerMetrics,
    /** The event types it handles; every event when left out. */
    types?: (type: string) => boolean,
  ) {
    this.logger = new Logger(name);
    this.subscription = new GapSafeSubscription(dataSource, store, {
      name,
      ...config.subscriptions,
      databaseUrl: config.databaseUrl,
      ...(types && { types }),
      onError: (error, retryInMs) => {
        if (retryInMs === undefined) {
          this.logger.warn(`lost the notification connection, reconnecting: ${error.message}`);
          return;
        }
        metrics.batchFailures.inc({ subscription: name });
        this.logger.error(`batch failed, will retry in ${retryInMs} ms: ${error.message}`);
      },
    });
  }

  protected abstract readonly handler: BatchHandler;

  onApplicationBootstrap(): void {
    const labels = { subscription: this.name };
    this.subscription.start(async (events, tx) => {
      await this.handler(events, tx);
      // Counted once the handler succeeded; a batch whose commit then fails is counted again on retry.
      this.metrics.eventsProcessed.inc(labels, events.length);
    });
    this.stopMeasuring = every(LAG_INTERVAL_MS, () => this.measureLag());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopMeasuring?.();
    await this.subscription.stop();
  }

  progress() {
    return this.subscription.progress();
  }

  /** Updates the lag gauges; while Postgres does not answer they keep their last value. */
  async measureLag(): Promise<void> {
    const labels = { subscription: this.name };
    const lag = await this.subscription.lag();
    this.metrics.subscriptionLag.set(labels, lag.behind);
    this.metrics.subscriptionHeldBack.set(labels, lag.heldBack);
    this.metrics.horizonHeld.set(labels, lag.horizonHeldSeconds);
    this.metrics.lagUpdated.set(labels, Date.now() / 1000);
  }
}
