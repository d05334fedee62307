import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchHandler, EventStore } from '#events';
import { AppConfig } from '#platform';
import { AGENCY_FEEDS, FeedProjector } from '#read-models';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { SubscriptionHost } from './subscription-host.js';

/** Appends every event to the feeds of the agencies entitled to it (the source of GraphQL feeds and Kafka). */
@Injectable()
export class FeedProjectionService extends SubscriptionHost {
  protected readonly handler: BatchHandler;

  constructor(dataSource: DataSource, store: EventStore, config: AppConfig, metrics: WorkerMetrics) {
    super(AGENCY_FEEDS.name, dataSource, store, config, metrics);
    const projector = new FeedProjector(store, undefined, config.regionalCoordination);
    this.handler = (events, tx) => projector.handle(events, tx);
  }
}
