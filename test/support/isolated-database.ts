import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, prepareDatabase } from '#platform';
import { TEST_DATABASE_URL, testEnvironment } from './test-env.js';

/**
 * A database of a test's own (named keten_test_<random>), for tests whose agreements or read models
 * must not meet another test file's: the read models and agreements are global to a database.
 */
export class IsolatedDatabase {
  readonly url: string;
  readonly name = `keten_test_${randomBytes(4).toString('hex')}`;
  dataSource!: DataSource;

  constructor() {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
  }

  /** The environment that points api, worker and tools at this database. */
  get env(): Record<string, string> {
    return testEnvironment({ DATABASE_URL: this.url });
  }

  async create(poolSize = 10): Promise<DataSource> {
    const config = loadConfig(this.env);
    await prepareDatabase(config, { log: () => undefined });
    this.dataSource = await new DataSource(dataSourceOptions(config, { poolSize })).initialize();
    return this.dataSource;
  }

  async drop(): Promise<void> {
    await this.dataSource?.destroy();
    const maintenance = new URL(TEST_DATABASE_URL);
    maintenance.pathname = '/postgres';
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    await client.end();
  }
}
