import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agreementStreams, CommandExecutor, EventStore } from '#events';
import { AppConfig } from '#platform';
import { agreementsTable, lockReadModels, ReadModelProjector } from '#read-models';

/** Expiry is nobody's decision: the worker records it, as this actor, once an end date has passed. */
const SCHEDULER = { userId: 'keten-worker', agency: 'KETEN', role: 'SYSTEM' };
const TICK_MS = 1000;

/**
 * Makes agreement dates take effect on time. When validUntil passes it records agreement.expired (which
 * the projector turns into the agency's rows losing those categories); when validFrom passes it
 * re-projects the agency so its history shows what the agreement now allows, and records that the start
 * took effect. Both look at what is due, not at what happened since the last tick, so a date that passed
 * while no worker ran takes effect on the next start.
 */
@Injectable()
export class AgreementClockService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgreementClock');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly executor: CommandExecutor,
    private readonly store: EventStore,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((error: Error) =>
          this.logger.error(`agreement clock tick failed, will retry: ${error.message}`),
        )
        .finally(() => (this.running = undefined));
    }, TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(now = new Date()): Promise<void> {
    for (const agreementId of await agreementsTable.endedBy(this.dataSource.manager, now)) {
      await this.executor.execute(
        agreementStreams,
        { type: 'ExpireAgreement', agreementId },
        { eventActor: SCHEDULER, now: now.toISOString() },
      );
      this.logger.log(`agreement ${agreementId} expired`);
    }

    for (const [agency, agreementIds] of await agreementsTable.startsDue(this.dataSource.manager, now)) {
      await this.dataSource.transaction(async (tx) => {
        await lockReadModels(tx);
        await new ReadModelProjector(this.store, () => now, this.config.regionalCoordination).reprojectAgency(
          agency,
          tx,
        );
        await agreementsTable.markTookEffect(tx, agreementIds);
      });
      this.logger.log(
        `agreement ${agreementIds.join(', ')} of ${agency} took effect; its read models were re-projected`,
      );
    }
  }
}
