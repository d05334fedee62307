import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '#events';
import { AppConfig } from '#platform';
import { ArchiveRegister } from '#read-models';
import {
  ACTIVATION_SHREDDER,
  type ActivationShredder,
  RETENTION_CLOCK,
  type RetentionClock,
} from './activation-shredder.port.js';
import { RetentionJob, RetentionRunSummary } from './retention.job.js';
import { underRetentionLease } from './retention.session.js';

/**
 * Runs the retention job once at start and then every RETENTION_INTERVAL_MS (daily by default), one worker
 * at a time (a session advisory lock).
 */
@Injectable()
export class RetentionJobService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly job: RetentionJob;
  private timer?: NodeJS.Timeout;
  private running?: Promise<RetentionRunSummary | undefined>;

  constructor(
    dataSource: DataSource,
    store: EventStore,
    private readonly config: AppConfig,
    @Inject(ACTIVATION_SHREDDER) shredder: ActivationShredder,
    @Inject(RETENTION_CLOCK) clock: RetentionClock,
  ) {
    this.job = new RetentionJob(dataSource, new ArchiveRegister(store), shredder, clock, {
      batchSize: config.retention.batchSize,
      coordination: config.regionalCoordination,
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.retention.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One run, unless one is under way (then that one's result). */
  runOnce(): Promise<RetentionRunSummary | undefined> {
    this.running ??= underRetentionLease(this.config.databaseUrl, () => this.job.run())
      .then((lease) => {
        if (!lease.ran) this.logger.log('retention: another worker is running the job; this one skips');
        return lease.ran ? lease.result : undefined;
      })
      .catch((error: Error) => {
        this.logger.error(`retention run failed, will retry at the next run: ${error.message}`);
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
