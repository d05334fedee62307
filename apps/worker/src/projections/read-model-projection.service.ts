import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchHandler, EventStore } from '#events';
import { AppConfig } from '#platform';
import { READ_MODELS, ReadModelProjector } from '#read-models';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { SubscriptionHost } from './subscription-host.js';

/** Keeps every agency's read models current. */
@Injectable()
export class ReadModelProjectionService extends SubscriptionHost {
  protected readonly handler: BatchHandler;

  constructor(dataSource: DataSource, store: EventStore, config: AppConfig, metrics: WorkerMetrics) {
    super(READ_MODELS.name, dataSource, store, config, metrics);
    const projector = new ReadModelProjector(store, undefined, config.regionalCoordination);
    this.handler = (events, tx) => projector.handle(events, tx);
  }
}
