import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LegacyEventSealing, type LegacySealingProgress } from '#events';
import { AppConfig } from '#platform';

/** The progress line of the pass, the same in the worker's log and from `npm run db:seal`. */
export const sealingProgressLine = ({ examined, total, sealed }: LegacySealingProgress) =>
  `sealing legacy events: ${examined} of ${total} examined, ${sealed} sealed`;

/**
 * Seals the events an earlier release stored in the clear (issue 19) when the worker starts, before its
 * subscriptions start (every module init precedes the bootstrap that starts them): an upgraded worker
 * projects and feeds from sealed events only, and a worker that cannot seal does not start. After the first
 * run it looks only at the events appended since its last run, which are sealed already.
 */
@Injectable()
export class LegacySealingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LegacySealing');
  private readonly stopping = new AbortController();

  constructor(
    private readonly sealing: LegacyEventSealing,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const summary = await this.sealing.run({
      batchSize: this.config.legacySealing.batchSize,
      signal: this.stopping.signal,
      onProgress: (progress) => this.logger.log(sealingProgressLine(progress)),
    });
    if (summary.sealed > 0 || !summary.complete) {
      this.logger.log(
        `${sealingProgressLine(summary)}${summary.complete ? ': done' : ': stopped, resumes at the next start'}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }
}
