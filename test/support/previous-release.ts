import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, prepareDatabase } from '#platform';
import { IsolatedDatabase } from './isolated-database.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/upgrade');

/**
 * A database as a previous release left it: a pg_dump (test/fixtures/upgrade/release-<commit>.sql.gz) of a
 * database that release's own `npm start` wrote (its demo, plus commands that reach every event type and
 * narrative field), restored into a database of the test's own. `upgrade()` then applies this release's
 * migrations to it, as deploying this release does.
 */
export class PreviousReleaseDatabase extends IsolatedDatabase {
  constructor(readonly release: string) {
    super();
  }

  /** Restores the dump; the schema is the old release's, nothing of this release has run on it. */
  async restore(): Promise<DataSource> {
    const maintenance = new URL(this.url);
    maintenance.pathname = '/postgres';
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${this.name}"`);
      // Roles are cluster-wide and not in a database dump; the old release created this one.
      await client.query(`
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keten_api') THEN
            CREATE ROLE keten_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
          END IF;
        END $$`);
    } finally {
      await client.end();
    }
    const sql = gunzipSync(readFileSync(resolve(FIXTURES, `release-${this.release}.sql.gz`)));
    execFileSync('psql', ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', this.url], {
      input: sql,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    this.dataSource = await new DataSource(dataSourceOptions(loadConfig(this.env))).initialize();
    await this.passRestoredTransactions(this.dataSource);
    return this.dataSource;
  }

  /**
   * The dump's events carry the transaction ids of the cluster that wrote them. On a younger cluster (a
   * fresh machine) those ids still lie ahead, and gap-safe subscriptions wait for them as for transactions
   * in flight. Restoring onto another cluster in production meets the same: the cluster's transaction
   * counter is first moved past the newest id restored, one committed transaction at a time.
   */
  private async passRestoredTransactions(db: DataSource): Promise<void> {
    const [{ ahead }] = await db.query(
      `SELECT coalesce(max(transaction_id::text::bigint), 0) - pg_current_xact_id()::text::bigint + 1 AS ahead
       FROM events`,
    );
    if (Number(ahead) <= 0) return;
    await db.query(`
      CREATE PROCEDURE pg_temp.pass_transactions(n bigint) LANGUAGE plpgsql AS $$
      BEGIN
        FOR i IN 1..n LOOP
          PERFORM pg_current_xact_id();
          COMMIT;
        END LOOP;
      END $$`);
    await db.query(`CALL pg_temp.pass_transactions($1)`, [Number(ahead)]);
  }

  /** Applies this release's pending migrations; returns their names. */
  async upgrade(): Promise<string[]> {
    const applied: string[] = [];
    await prepareDatabase(loadConfig(this.env), {
      log: (line) => applied.push(...(/applied (.*)$/.exec(line)?.[1].split(', ') ?? [])),
    });
    return applied;
  }
}
