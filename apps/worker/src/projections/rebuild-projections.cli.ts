import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { configuredEventStore } from '#events';
import { ConfigError, dataSourceOptions, loadConfig } from '#platform';
import { rebuildReadModels } from '#read-models';
import { progressBar } from './progress-bar.js';

/** `npm run projections:rebuild [-- --agency NLA]`: rebuild the read models from the events, with progress. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { agency: { type: 'string' } } });
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const bar = progressBar(values.agency ? `rebuild ${values.agency} (activations)` : 'rebuild (events)');
  const started = Date.now();
  try {
    const count = await rebuildReadModels(dataSource, configuredEventStore(dataSource, config), {
      agency: values.agency,
      batchSize: config.subscriptions.batchSize,
      databaseUrl: config.databaseUrl,
      onProgress: bar.update,
      coordination: config.regionalCoordination,
    });
    bar.done();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[rebuild] ${count} events projected in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} events/s)`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `[rebuild] ${(error as Error).message}`);
  process.exit(1);
});
