import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROJECTIONS, projectionVersionsTable, upgradeProjections } from '#read-models';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { ErasureRequestsProjectionService } from './erasure-requests-projection.service.js';
import { FeedProjectionService } from './feed-projection.service.js';
import { SubscriptionHost } from './subscription-host.js';
import { ReadModelProjectionService } from './read-model-projection.service.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly description: string;
  /** The version this code writes. */
  readonly version: number;
  /** The version that wrote what the tables hold (the same once the upgrade at start is done). */
  readonly storedVersion: number | null;
  readonly onNewVersion: 'rebuild' | 'continue';
  readonly tables: readonly string[];
  /** Events committed and not yet projected: during a rebuild, how far it still has to go. */
  readonly behind: number;
}

/**
 * The catalogue of projections this worker runs. At start, before any subscription runs (all module
 * inits precede the bootstrap that starts them), every projection is brought to this code's version:
 * one of another version is rebuilt in place from the first event. /health/projections shows each with
 * its progress.
 */
@Injectable()
export class ProjectionCatalogueService implements OnModuleInit {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelProjectionService,
    private readonly feeds: FeedProjectionService,
    private readonly erasureRequests: ErasureRequestsProjectionService,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    await upgradeProjections(this.dataSource, PROJECTIONS, (message) => this.logger.log(message));
    for (const projection of PROJECTIONS) {
      this.metrics.projectionVersion.set({ projection: projection.name }, projection.version);
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const stored = new Map(
      (await projectionVersionsTable.all(this.dataSource.manager)).map((row) => [row.name, row.version]),
    );
    const hosts = new Map<string, SubscriptionHost>(
      [this.readModels, this.feeds, this.erasureRequests].map((host) => [host.name, host]),
    );
    return Promise.all(
      PROJECTIONS.map(async (projection) => ({
        name: projection.name,
        description: projection.description,
        version: projection.version,
        storedVersion: stored.get(projection.name) ?? null,
        onNewVersion: projection.onNewVersion,
        tables: projection.tables,
        behind: (await hosts.get(projection.name)?.progress())?.behind ?? 0,
      })),
    );
  }
}
