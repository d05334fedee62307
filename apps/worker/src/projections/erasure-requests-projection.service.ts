import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchHandler, EventStore } from '#events';
import { AppConfig } from '#platform';
import { isErasureEventType } from '#domain';
import { ERASURE_REQUESTS, ErasureRequestsProjector } from '#read-models';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { SubscriptionHost } from './subscription-host.js';

/** Keeps the privacy officers' list of erasure requests (erasure_requests) current from the erasure streams. */
@Injectable()
export class ErasureRequestsProjectionService extends SubscriptionHost {
  protected readonly handler: BatchHandler;

  constructor(dataSource: DataSource, store: EventStore, config: AppConfig, metrics: WorkerMetrics) {
    super(ERASURE_REQUESTS.name, dataSource, store, config, metrics, isErasureEventType);
    const projector = new ErasureRequestsProjector();
    this.handler = (events, tx) => projector.handle(events, tx);
  }
}
