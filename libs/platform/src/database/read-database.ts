import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** Whose rows a read may see: row-level security reads these settings, not the query's WHERE clause. */
export interface ReadScope {
  agency: string;
  role: string;
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
      synchronize: false,
      entities: [],
    });
    return new ReadDatabase(await dataSource.initialize());
  }

  read<T>(scope: ReadScope, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (db) => {
      await db.query(`SELECT set_config('keten.agency', $1, true), set_config('keten.role', $2, true)`, [
        scope.agency,
        scope.role,
      ]);
      return work(db);
    });
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
