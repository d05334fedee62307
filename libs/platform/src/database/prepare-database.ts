import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** Arbitrary but fixed: the advisory lock key that serialises migrations across processes. */
const MIGRATION_LOCK = 740_101;

export interface PrepareOptions {
  log: (line: string) => void;
  /** Drop and create the database first; refused unless its name says it is a test or benchmark database. */
  recreate?: boolean;
}

/** Creates the configured database if it is missing and applies every pending migration. */
export async function prepareDatabase(
  config: AppConfig,
  { log, recreate = false }: PrepareOptions,
): Promise<void> {
  if (recreate && !/test|bench/.test(config.databaseName)) {
    throw new Error(
      `Refusing to recreate database '${config.databaseName}': only databases named for tests or benchmarks may be dropped.`,
    );
  }
  await createDatabaseIfMissing(config, log, recreate);
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    // Several processes (api instances, test workers) may start at once: one migrates, the others wait.
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log(
      applied.length === 0
        ? `database ${config.databaseName}: schema is up to date`
        : `database ${config.databaseName}: applied ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }
}

async function createDatabaseIfMissing(
  config: AppConfig,
  log: (line: string) => void,
  recreate: boolean,
): Promise<void> {
  const maintenanceUrl = new URL(config.databaseUrl);
  maintenanceUrl.pathname = '/postgres';
  const client = new Client({ connectionString: maintenanceUrl.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${maintenanceUrl.host} (${(error as Error).message}). ` +
        `Start it (e.g. 'pg_ctlcluster 15 main start') or point DATABASE_URL at a running server.`,
      { cause: error },
    );
  }
  try {
    if (recreate) {
      await client.query(`DROP DATABASE IF EXISTS "${config.databaseName}" WITH (FORCE)`);
      log(`database ${config.databaseName}: dropped`);
    }
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      config.databaseName,
    ]);
    if (rowCount === 0) {
      // CREATE DATABASE takes no parameters; the name was validated as [A-Za-z0-9_-]+ by the configuration.
      await client.query(`CREATE DATABASE "${config.databaseName}"`);
      log(`database ${config.databaseName}: created`);
    }
  } catch (error) {
    // Two processes preparing at once: the loser sees a duplicate, which is the state it wanted.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
