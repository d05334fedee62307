import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementCommand } from '#domain';
import { agreementStreams, CommandExecutor, EventStore } from '#events';
import { READ_MODEL_SUBSCRIPTION, ReadModelProjector } from '#read-models';

/** Expiry is nobody's decision: the worker records it, as this actor, once an end date has passed. */
const SCHEDULER = { userId: 'keten-worker', agency: 'KETEN', role: 'SYSTEM' };
const TICK_MS = 1000;

/**
 * Makes agreement dates take effect on time. When validUntil passes it records agreement.expired (which
 * the projector turns into the agency's rows losing those categories); when validFrom passes it
 * re-projects the agency so its history shows what the agreement now allows.
 */
@Injectable()
export class AgreementClockService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgreementClock');
  private timer?: NodeJS.Timeout;
  private lastTick = new Date();
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly executor: CommandExecutor,
    private readonly store: EventStore,
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
    const due: { agreement_id: string }[] = await this.dataSource.query(
      `SELECT agreement_id FROM rm_agreements WHERE status = 'GRANTED' AND valid_until <= $1`,
      [now.toISOString()],
    );
    for (const { agreement_id: agreementId } of due) {
      const command: AgreementCommand = { type: 'ExpireAgreement', agreementId, now: now.toISOString() };
      await this.executor.execute(agreementStreams, command, SCHEDULER);
      this.logger.log(`agreement ${agreementId} expired`);
    }

    const starting: { agency: string }[] = await this.dataSource.query(
      `SELECT DISTINCT agency FROM rm_agreements WHERE status = 'GRANTED' AND valid_from > $1 AND valid_from <= $2`,
      [this.lastTick.toISOString(), now.toISOString()],
    );
    this.lastTick = now;
    for (const { agency } of starting) {
      await this.dataSource.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM subscription_checkpoints WHERE subscription = $1 FOR UPDATE`, [
          READ_MODEL_SUBSCRIPTION,
        ]);
        await new ReadModelProjector(this.store, () => now).reprojectAgency(agency, tx);
      });
      this.logger.log(`agreement of ${agency} took effect; its read models were re-projected`);
    }
  }
}
