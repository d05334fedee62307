import { DataSource, EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import { AppConfig } from '../config/app-config.js';
import { POOL_RESILIENCE } from './data-source-options.js';

/** Whose rows a read may see: row-level security reads these settings, not the query's WHERE clause. */
export interface ReadScope {
  agency: string;
  role: string;
  /**
   * A data subject's access request: the BSN (nine digits) whose activations a privacy officer's
   * transaction may read of its agency's rows (migration 1795400000265). Set for that transaction only.
   */
  subjectBsn?: string;
}

/**
 * The api's read path to the read models: a separate pool connected as keten_api, a role that row-level
 * security applies to. Every read runs in a transaction that first sets the agency (and role) for RLS;
 * a query that forgot to scope itself still sees only that agency's rows, and without a scope none.
 */
export class ReadDatabase {
  constructor(readonly dataSource: DataSource) {}

  static async open(config: AppConfig, poolSize = 10): Promise<ReadDatabase> {
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.readDatabaseUrl,
      applicationName: `keten-${config.kafkaClientId}-reader`,
      poolSize,
      ...POOL_RESILIENCE,
      synchronize: false,
      entities: [],
    });
    return new ReadDatabase(await dataSource.initialize());
  }

  async read<T>(scope: ReadScope, work: (db: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    // If the server ends the session between two queries (a restart), TypeORM releases the runner and the
    // next query fails with "already released": answer with what really happened, the lost connection.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost ??= error);
    client.on('error', onError);
    try {
      // Opening the transaction and scoping it is one round trip, not three: reads are most of the traffic.
      // Several statements in one query string take no parameters, so the values go in as escaped literals.
      await client.query(
        `BEGIN; SELECT set_config('keten.agency', ${client.escapeLiteral(scope.agency)}, true),
           set_config('keten.role', ${client.escapeLiteral(scope.role)}, true)${
             scope.subjectBsn === undefined
               ? ''
               : `, set_config('keten.subject_bsn', ${client.escapeLiteral(scope.subjectBsn)}, true)`
           }`,
      );
      try {
        const result = await work(runner.manager);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw lost ?? error;
    } finally {
      client.removeListener('error', onError);
      await runner.release();
    }
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
