import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErasureEvent, ErasureStatus, foldErasure } from '#domain';
import { BatchHandler, erasureIdOfStream, EventStore, PersonalDataVault, StoredEvent } from '#events';
import { AppConfig } from '#platform';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { SubscriptionHost } from '../projections/subscription-host.js';
import { PersonalDataEraser } from './personal-data-eraser.js';

/** The subscription's name: its checkpoint and metrics label. Not a projection: nothing of it is rebuilt. */
export const ERASURE_PROCESS = 'erasure-process';

/**
 * Carries out every approved erasure (four eyes, on its own stream): as the approval comes by, the
 * subject's keys are deleted and the erasure recorded on each activation that held them. A batch that
 * fails is handled again (the eraser is idempotent), so no approved erasure is lost to a crash.
 */
@Injectable()
export class ErasureProcessService extends SubscriptionHost {
  protected readonly handler: BatchHandler;
  private readonly log = new Logger(ERASURE_PROCESS);

  constructor(
    dataSource: DataSource,
    store: EventStore,
    config: AppConfig,
    metrics: WorkerMetrics,
    eraser: PersonalDataEraser,
    private readonly vault: PersonalDataVault,
  ) {
    super(ERASURE_PROCESS, dataSource, store, config, metrics, (type) => type === 'erasure.approved');
    this.handler = async (events) => {
      for (const approved of events.filter(isApproval)) {
        const history = await store.readStream(approved.streamId);
        const state = foldErasure(history.map(({ type, data }) => ({ type, data }) as ErasureEvent));
        if (!state.recorded || state.status !== ErasureStatus.APPROVED) continue;
        await eraser.eraseSubject(state.target, state.erasureId, new Date(approved.occurredAt));
        // The erasure's id only: never whom, nor how many cases held them.
        this.log.log(`erasure ${state.erasureId} carried out`);
      }
    };
  }

  /**
   * At start, first the erasure list once more: keys restored from an older backup of subject_keys go
   * again (no read uses them meanwhile either: the list is checked on every key lookup).
   */
  override onApplicationBootstrap(): void {
    void this.vault.subjectKeys
      .reapplyErasures()
      .then(
        (deleted) =>
          deleted > 0 && this.log.warn(`${deleted} restored keys of erased subjects deleted again`),
      )
      .catch((error: Error) =>
        this.log.error(`the erasure list could not be applied again: ${error.message}`),
      );
    super.onApplicationBootstrap();
  }
}

function isApproval(event: StoredEvent): boolean {
  return event.type === 'erasure.approved' && erasureIdOfStream(event.streamId) !== undefined;
}
