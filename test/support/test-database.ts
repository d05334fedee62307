import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, prepareDatabase } from '#platform';
import { testEnvironment } from './test-env.js';

let prepared: Promise<void> | undefined;

/** Creates and migrates the test database (once per test file; migrations serialise on an advisory lock). */
export function prepareTestDatabase(): Promise<void> {
  prepared ??= prepareDatabase(loadConfig(testEnvironment()), { log: () => undefined });
  return prepared;
}

/** A migrated connection pool to the test database, for tests that talk to the store directly. */
export async function openTestDataSource(poolSize = 10): Promise<DataSource> {
  await prepareTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(loadConfig(testEnvironment()), { poolSize }));
  return dataSource.initialize();
}

export function testDatabaseUrl(): string {
  return testEnvironment().DATABASE_URL;
}
