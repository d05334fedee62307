import { ConfigError } from '../config/config.error.js';
import { loadConfig } from '../config/app-config.js';
import { prepareDatabase } from './prepare-database.js';

/**
 * `npm run db:prepare [-- --recreate]`: create the database if needed and migrate it. Used by the start and
 * test commands; the test command recreates its test database so every run starts from an empty store.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config, {
    log: (line) => console.log(`[db] ${line}`),
    recreate: process.argv.includes('--recreate'),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `[db] ${(error as Error).message}`);
  process.exit(1);
});
