import { loadConfig, prepareDatabase } from '#platform';
import { testEnvironment } from './test-env.js';

let prepared: Promise<void> | undefined;

/** Creates and migrates the test database (once per test file; migrations serialise on an advisory lock). */
export function prepareTestDatabase(): Promise<void> {
  prepared ??= prepareDatabase(loadConfig(testEnvironment()), { log: () => undefined });
  return prepared;
}
