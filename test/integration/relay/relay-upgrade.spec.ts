import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { Client } from 'pg';
import { dataSourceOptions, loadConfig } from '#platform';
import { migrations } from '../../../libs/platform/src/database/migrations/index.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { waitUntil } from '../../support/processes.js';
import { startWorker } from '../../support/worker-app.js';
import {
  deleteTopics,
  projectFeeds,
  relayStatus,
  testKafka,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';

/** The last migration of the version before the relay recorded clusters and dead letters. */
const PREVIOUS_VERSION_MIGRATIONS = migrations.slice(
  0,
  migrations.findIndex((migration) => migration.name.endsWith('1795400000140')),
);

/**
 * A database written by the previous version (its migrations only, feeds relayed up to the checkpoint)
 * is upgraded: the new migration adds the relay's tables, and the relay takes the cluster it finds as the
 * one it published to, so it publishes nothing again and goes on from its checkpoint.
 */
describe('upgrading a database of the previous version', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let kafka: Kafka;
  let worker: INestApplication;

  afterAll(async () => {
    await worker?.close();
    if (kafka) await deleteTopics(kafka, prefix);
    await database.drop();
  });

  it('keeps relaying from the checkpoint, recording the cluster it finds without republishing', async () => {
    expect(PREVIOUS_VERSION_MIGRATIONS.length).toBeGreaterThanOrEqual(6);
    const config = loadConfig(database.env);
    await createEmptyDatabase(database.url);
    db = await new DataSource(
      dataSourceOptions(config, { migrations: PREVIOUS_VERSION_MIGRATIONS }),
    ).initialize();
    await db.runMigrations({ transaction: 'each' });
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(10, 31, 'upgrade'));
    await projectFeeds(db, database.url);
    const [{ max }] = await db.query(`SELECT max(feed_seq)::int AS max FROM rm_feed`);
    expect(max).toBeGreaterThan(0);
    // The previous relay had published everything to the cluster that runs now.
    await db.query(
      `INSERT INTO subscription_checkpoints (subscription, position) VALUES ('kafka-relay', $1)
       ON CONFLICT (subscription) DO UPDATE SET position = $1`,
      [max],
    );
    const [{ exists }] = await db.query(`SELECT to_regclass('relay_dead_letters') IS NOT NULL AS exists`);
    expect(exists).toBe(false);
    await db.destroy();

    db = await database.create(); // applies the new migrations, as a deployment's start does
    kafka = testKafka(TEST_KAFKA_BROKERS);
    worker = await startWorker({ ...database.env, FEED_TOPIC_PREFIX: prefix });
    await waitUntil(
      async () => (await relayStatus(worker)).cluster !== undefined,
      60_000,
      'the relay saw the cluster',
    );

    // The upgrade gives every old activation its case number (issue 15: an activation.numbered event each):
    // those are new events, fed and published once; nothing fed before is published again.
    await waitUntil(async () => (await relayStatus(worker)).behind === 0, 60_000, 'the relay caught up');
    const status = await relayStatus(worker);
    expect(status).toMatchObject({ behind: 0, failedAttempts: 0 });
    expect(status.relayedThrough).toBeGreaterThanOrEqual(max);
    const fedSince: { event_type: string }[] = await db.query(
      `SELECT DISTINCT event_type FROM rm_feed WHERE feed_seq > $1`,
      [max],
    );
    expect(fedSince.map((row) => row.event_type)).toEqual(
      status.relayedThrough > max ? ['activation.numbered'] : [],
    );
    expect(status.cluster).toMatchObject({ clusterId: expect.any(String), republishing: false });
    expect(status.cluster?.previousClusterId).toBeUndefined();
  }, 120_000);
});

async function createEmptyDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    // The name comes from IsolatedDatabase: keten_test_<hex>.
    await client.query(`CREATE DATABASE "${decodeURIComponent(target.pathname.slice(1))}"`);
  } finally {
    await client.end();
  }
}
