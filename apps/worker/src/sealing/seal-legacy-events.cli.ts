import { DataSource } from 'typeorm';
import { configuredLegacySealing, LegacySealingError } from '#events';
import { ConfigError, dataSourceOptions, loadConfig } from '#platform';
import { sealingProgressLine } from './legacy-sealing.service.js';

/**
 * `npm run db:seal`: seals the events an earlier release stored in the clear (issue 19), as the worker does
 * when it starts, with progress. Safe beside a running api and worker, and to stop (Ctrl-C) and run again.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const stopping = new AbortController();
  process.once('SIGINT', () => stopping.abort());
  process.once('SIGTERM', () => stopping.abort());
  try {
    const summary = await configuredLegacySealing(dataSource, config).run({
      batchSize: config.legacySealing.batchSize,
      signal: stopping.signal,
      onProgress: (progress) => console.log(`[seal] ${sealingProgressLine(progress)}`),
    });
    console.log(
      `[seal] ${sealingProgressLine(summary)}: ${summary.complete ? 'done' : 'stopped; run it again to resume'}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof LegacySealingError) console.error(`[seal] ${error.code}: ${error.message}`);
  else console.error(`[seal] ${(error as Error).message}`);
  process.exit(1);
});
