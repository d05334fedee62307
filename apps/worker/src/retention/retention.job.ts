import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  archiveDayOf,
  isDueForDestruction,
  type RegionalCoordination,
  SAFETY_REGIONS_COORDINATE,
} from '#domain';
import { activationFactsTable, ArchiveRegister, entitledAgencies, retentionActionsTable } from '#read-models';
import type { ActivationShredder, RetentionClock } from './activation-shredder.port.js';

/** What one run did, as its last log line says. */
export interface RetentionRunSummary {
  /** The day it ran for, in the Netherlands (YYYY-MM-DD). */
  readonly day: string;
  /** Closed activations looked at. */
  readonly examined: number;
  /** Of those, destroyed in this run. */
  readonly destroyed: number;
  /** Of those, due but refused by the shredder (retried on the next run). */
  readonly failed: number;
}

export interface RetentionJobOptions {
  readonly batchSize: number;
  readonly coordination?: RegionalCoordination;
  readonly logger?: Pick<Logger, 'log' | 'error'>;
}

/**
 * Applies the archive decisions (issue 19, Archiefwet): every closed activation whose decision is DESTROY
 * and whose day has come in the Netherlands is shredded, once. What is left is the CASE facts: the read
 * models are not touched, so the statistics count it as before. Each activation is recorded in
 * retention_actions before it is shredded and after, on their own commits, so a run that stops halfway
 * is taken up by the next (the shredder is idempotent) and one that finished is never repeated.
 */
export class RetentionJob {
  private readonly logger: Pick<Logger, 'log' | 'error'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly register: ArchiveRegister,
    private readonly shredder: ActivationShredder,
    private readonly clock: RetentionClock,
    private readonly options: RetentionJobOptions,
  ) {
    this.logger = options.logger ?? new Logger('Retention');
  }

  async run(): Promise<RetentionRunSummary> {
    const db = this.dataSource.manager;
    const day = archiveDayOf(this.clock.now().toISOString());
    let examined = 0;
    let destroyed = 0;
    let failed = 0;
    let after: string | null = null;
    for (;;) {
      const page = await activationFactsTable.closed(
        db,
        'rm_activation_facts',
        after,
        this.options.batchSize,
      );
      if (page.length === 0) break;
      after = page[page.length - 1].activationId;
      examined += page.length;
      const done = await retentionActionsTable.destroyedAmong(
        db,
        page.map((facts) => facts.activationId),
      );
      for (const facts of page) {
        if (done.has(facts.activationId)) continue;
        const decision = await this.register.decisionOf(facts);
        if (!decision || !isDueForDestruction(decision, day)) continue;
        await retentionActionsTable.start(db, {
          activationId: facts.activationId,
          caseNumber: facts.caseNumber ?? null,
          region: facts.region,
          agencies: [
            ...new Set([
              ...entitledAgencies(facts, this.options.coordination ?? SAFETY_REGIONS_COORDINATE),
              ...(facts.contributors ?? []),
            ]),
          ].sort(),
          category: decision.category,
          actionDate: decision.actionDate!,
          startedAt: this.clock.now(),
        });
        try {
          await this.shredder.shredActivation(facts.activationId, decision);
        } catch (error) {
          failed += 1;
          const reason = error instanceof Error ? error.message : String(error);
          await retentionActionsTable.failed(db, facts.activationId, reason);
          this.logger.error(
            `retention: shredding activation ${facts.activationId} (${facts.caseNumber ?? 'no case number'}) failed, retried on the next run: ${reason}`,
          );
          continue;
        }
        await retentionActionsTable.destroyed(db, facts.activationId, this.clock.now());
        destroyed += 1;
      }
      this.logger.log(
        `retention ${day}: ${examined} closed activations examined, ${destroyed} destroyed, ${failed} failed so far`,
      );
    }
    this.logger.log(
      `retention ${day} done: ${examined} closed activations examined, ${destroyed} destroyed, ${failed} failed`,
    );
    return { day, examined, destroyed, failed };
  }
}
