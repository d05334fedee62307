import { DataSource, EntityManager } from 'typeorm';
import type { RegionalCoordination } from '#domain';
import { checkpointsTable, EventStore, GapSafeSubscription } from '#events';
import { ReadModelProjector } from '../projector/read-model.projector.js';
import { READ_MODELS } from './projection.catalogue.js';
import { projectionVersionsTable } from './projection-versions.table.js';

export interface RebuildOptions {
  /** Rebuild one agency's rows only (after an agreement change, or to repair); all read models otherwise. */
  agency?: string;
  batchSize: number;
  databaseUrl: string;
  onProgress: (done: number, total: number) => void;
  /** Who coordinates which region (they see its activations); each safety region alone when left out. */
  coordination?: RegionalCoordination;
}

/**
 * Rebuilds the read models from the event store. A full rebuild empties every read-model table and moves
 * the projector's checkpoint back to the start, then projects every event again; a running worker shares
 * the checkpoint (each batch locks it), so both can work at once without doubling anything. An agency
 * rebuild replays that agency's activations up to the projector's checkpoint while holding it.
 */
export async function rebuildReadModels(
  dataSource: DataSource,
  store: EventStore,
  options: RebuildOptions,
): Promise<number> {
  const projector = new ReadModelProjector(store, undefined, options.coordination);
  const subscription = new GapSafeSubscription(dataSource, store, {
    name: READ_MODELS.name,
    batchSize: options.batchSize,
    pollIntervalMs: 1000,
    databaseUrl: options.databaseUrl,
  });
  if (options.agency) {
    const agency = options.agency;
    const projected = await dataSource.transaction(async (tx) => {
      await lockReadModels(tx);
      return projector.reprojectAgency(agency, tx, options.onProgress);
    });
    await projectionVersionsTable.analyze(dataSource.manager, READ_MODELS.tables);
    return projected;
  }

  await dataSource.transaction(async (tx) => {
    await lockReadModels(tx);
    await projectionVersionsTable.empty(tx, READ_MODELS.tables);
    await checkpointsTable.reset(tx, READ_MODELS.name);
  });
  const { behind: total } = await subscription.progress();
  options.onProgress(0, total);
  let handled = 0;
  for (;;) {
    const batch = await subscription.processBatch((events, tx) => projector.handle(events, tx));
    handled += batch;
    options.onProgress(Math.min(handled, total), total);
    if (batch > 0) continue;
    // Counting what is left scans the rest of the table: do it only when a batch came back empty.
    const { behind } = await subscription.progress();
    if (behind === 0) {
      options.onProgress(total, total);
      // Right after a rebuild the planner still believes the emptied tables' old figures (autovacuum gets
      // to them later): it took an agency's 70,000 list rows for 900 and sorted them all for a page of 20.
      await projectionVersionsTable.analyze(dataSource.manager, READ_MODELS.tables);
      return handled;
    }
    // Events held back by a transaction still open elsewhere: wait for it rather than spin.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Holds the read-model projector's checkpoint for the transaction: the worker's batches wait for it. */
export async function lockReadModels(tx: EntityManager): Promise<void> {
  await checkpointsTable.ensure(tx, READ_MODELS.name);
  await checkpointsTable.lock(tx, READ_MODELS.name);
}
