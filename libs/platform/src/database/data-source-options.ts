import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';

/** One place that says how keten talks to Postgres: migrations only, never `synchronize`. */
export function dataSourceOptions(
  config: AppConfig,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    entities: [],
    applicationName: `keten-${config.kafkaClientId}`,
    ...overrides,
  } as DataSourceOptions;
}
