import { DataSource } from 'typeorm';
import { EventStore, GapSafeSubscription } from '#events';
import { ReadModelProjector } from './read-model.projector.js';
import { READ_MODEL_SUBSCRIPTION } from './read-model.subscription.js';

export interface RebuildOptions {
  /** Rebuild one agency's rows only (after an agreement change, or to repair); all read models otherwise. */
  agency?: string;
  batchSize: number;
  databaseUrl: string;
  onProgress: (done: number, total: number) => void;
}

/**
 * Rebuilds the read models from the event store. A full rebuild empties every read model and moves the
 * projector's checkpoint back to the start, then projects every event again; a running worker shares the
 * checkpoint (each batch locks it), so both can work at once without doubling anything. An agency rebuild
 * replays that agency's activations up to the projector's checkpoint while holding it.
 */
export async function rebuildReadModels(
  dataSource: DataSource,
  store: EventStore,
  options: RebuildOptions,
): Promise<number> {
  const projector = new ReadModelProjector(store);
  const subscription = new GapSafeSubscription(dataSource, store, {
    name: READ_MODEL_SUBSCRIPTION,
    batchSize: options.batchSize,
    pollIntervalMs: 1000,
    databaseUrl: options.databaseUrl,
  });
  if (options.agency) {
    const agency = options.agency;
    const projected = await dataSource.transaction(async (tx) => {
      await lockCheckpoint(tx);
      return projector.reprojectAgency(agency, tx, options.onProgress);
    });
    await analyzeReadModels(dataSource);
    return projected;
  }

  await dataSource.transaction(async (tx) => {
    await lockCheckpoint(tx);
    await tx.query(`TRUNCATE rm_timeline, rm_activations, rm_activation_facts, rm_agreements`);
    await tx.query(
      `UPDATE subscription_checkpoints SET transaction_id = '0', position = 0, updated_at = clock_timestamp()
       WHERE subscription = $1`,
      [READ_MODEL_SUBSCRIPTION],
    );
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
      await analyzeReadModels(dataSource);
      return handled;
    }
    // Events held back by a transaction still open elsewhere: wait for it rather than spin.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Fresh statistics for the rebuilt tables. Right after a rebuild the planner still believes the emptied
 * tables' old figures (autovacuum gets to them later): it took an agency's 70,000 list rows for 900 and
 * sorted them all for a page of 20, instead of reading the index in order.
 */
async function analyzeReadModels(dataSource: DataSource): Promise<void> {
  await dataSource.query(`ANALYZE rm_activations, rm_timeline, rm_activation_facts, rm_agreements`);
}

async function lockCheckpoint(tx: import('typeorm').EntityManager): Promise<void> {
  await tx.query(
    `INSERT INTO subscription_checkpoints (subscription) VALUES ($1) ON CONFLICT (subscription) DO NOTHING`,
    [READ_MODEL_SUBSCRIPTION],
  );
  await tx.query(`SELECT 1 FROM subscription_checkpoints WHERE subscription = $1 FOR UPDATE`, [
    READ_MODEL_SUBSCRIPTION,
  ]);
}
