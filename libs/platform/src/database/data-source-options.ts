import { Client, ClientConfig } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';

/**
 * How long a query waits for a connection: to open one (a server that does not answer) or to get one from
 * a busy pool. Without it, a request would hang for as long as Postgres is away; with it, it fails with an
 * error the api answers as SERVICE_UNAVAILABLE, and the worker retries.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 10_000;

/**
 * A pooled connection that never crashes the process. node-postgres emits 'error' on a client whose session
 * the server ends (a restart's admin_shutdown, 57P01); the pool listens only while the client is idle, and
 * TypeORM not at all while it is checked out, so an unlistened 'error' event would kill the process. The
 * work on that client fails on its own (its query rejects, or the next one finds it "not queryable"), and
 * the pool discards it on release; this listener only keeps the event from being fatal.
 */
export class ResilientClient extends Client {
  constructor(config?: ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Pool settings every keten connection pool shares (the api's read pool too). */
export const POOL_RESILIENCE = {
  connectTimeoutMS: DATABASE_CONNECT_TIMEOUT_MS,
  // TCP keepalive: a connection to a server that vanished without closing it is noticed, not kept forever.
  extra: { keepAlive: true, Client: ResilientClient },
} as const;

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
    ...POOL_RESILIENCE,
    ...overrides,
  } as DataSourceOptions;
}
