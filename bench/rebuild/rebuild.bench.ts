import { configuredEventStore } from '#events';
import { rebuildReadModels } from '#read-models';
import { generateActivations } from '../generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../generator/bulk-load.js';
import { openBenchDatabase } from '../support/bench-database.js';
import { progressBar } from '../../apps/worker/src/projections/progress-bar.js';

export interface RebuildResult {
  activations: number;
  events: number;
  loadSeconds: number;
  rebuildSeconds: number;
  rebuildPerSecond: number;
  rawReadSeconds: number;
  rawReadPerSecond: number;
}

/**
 * Rebuild of every agency's read models from a generated store, against the physical limit: one
 * sequential read of the same events in subscription order.
 */
export async function benchRebuild(activations: number, seed = 2026): Promise<RebuildResult> {
  const { db, config } = await openBenchDatabase();
  try {
    const loading = progressBar('events loaded');
    const loadStart = performance.now();
    await loadDemoAgreements(db);
    const events = await bulkLoad(db, generateActivations(activations, seed, 'bench'), (n) =>
      loading.update(n, activations * 11),
    );
    loading.done();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await db.query('VACUUM ANALYZE events');

    const rawStart = performance.now();
    let rawRows = 0;
    let after = { tx: '0', pos: '0' };
    for (;;) {
      const rows: { transaction_id: string; position: string; data: unknown }[] = await db.query(
        `SELECT transaction_id::text, position, data, metadata FROM events
         WHERE (transaction_id, position) > ($1::xid8, $2::bigint) ORDER BY events.transaction_id, events.position LIMIT 2000`,
        [after.tx, after.pos],
      );
      if (rows.length === 0) break;
      rawRows += rows.length;
      after = { tx: rows[rows.length - 1].transaction_id, pos: rows[rows.length - 1].position };
    }
    const rawReadSeconds = (performance.now() - rawStart) / 1000;

    const bar = progressBar('events projected');
    const rebuildStart = performance.now();
    await rebuildReadModels(db, configuredEventStore(db, config), {
      batchSize: config.subscriptions.batchSize,
      databaseUrl: config.databaseUrl,
      onProgress: bar.update,
    });
    bar.done();
    const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
    return {
      activations,
      events,
      loadSeconds,
      rebuildSeconds,
      rebuildPerSecond: events / rebuildSeconds,
      rawReadSeconds,
      rawReadPerSecond: rawRows / rawReadSeconds,
    };
  } finally {
    await db.destroy();
  }
}
