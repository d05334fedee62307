import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { openPreventiveInput, send } from '../../e2e/activations/activation-mutations.fixture.js';
import { startApi } from '../../support/api-app.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { PrivateKafkaBroker } from '../../support/kafka-broker.js';
import { tokenFor } from '../../support/test-tokens.js';
import { startWorker } from '../../support/worker-app.js';
import {
  expectEveryFeedDelivered,
  readTopic,
  relayCaughtUp,
  relayStatus,
  testKafka,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';
import { waitUntil } from '../../support/processes.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A broker of the test's own is stopped while events keep coming: the api still takes commands (it does
 * not use Kafka), the relay reports the outage and its backlog, and once the broker is back every feed
 * entry arrives, each activation in order.
 */
describe('the relay through a Kafka outage', () => {
  const database = new IsolatedDatabase();
  const broker = new PrivateKafkaBroker(19492);
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let kafka: Kafka;
  let worker: INestApplication;
  let api: INestApplication;
  let apiUrl: string;
  let seed = 300;
  const load = (activations: number) =>
    bulkLoad(db, generateActivations(activations, seed, `outage-${seed++}`));

  beforeAll(async () => {
    db = await database.create();
    kafka = testKafka(broker.bootstrap);
    await loadDemoAgreements(db);
    await broker.start();
    worker = await startWorker({
      ...database.env,
      KAFKA_BROKERS: broker.bootstrap,
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: '100',
      FEED_RELAY_MAX_RETRY_MS: '1000',
    });
    ({ app: api, url: apiUrl } = await startApi({ ...database.env, KAFKA_BROKERS: broker.bootstrap }));
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
    await broker.dispose();
  }, 120_000);

  it('loses nothing while the broker is away', async () => {
    await load(20);
    await waitUntil(() => relayCaughtUp(db), 60_000, 'the relay published the first events');

    const loading = (async () => {
      for (let round = 0; round < 8; round++) {
        await load(10);
        await pause(1000);
      }
    })();
    await pause(500);
    await broker.stop();

    const token = await tokenFor({ userId: 'insp-nla', agency: 'NLA', role: 'INSPECTOR' });
    const opened = await send(apiUrl, 'openActivation', openPreventiveInput(), token);
    expect(opened.errors).toBeUndefined();
    await waitUntil(
      async () => {
        const status = await relayStatus(worker);
        return status.failedAttempts > 0 && status.behind > 0 && status.lastError !== undefined;
      },
      60_000,
      'the relay reports the outage and its backlog',
    );
    await loading;
    await broker.start();
    await waitUntil(() => relayCaughtUp(db), 120_000, 'the relay caught up after the outage');
    expect(await relayStatus(worker)).toMatchObject({ behind: 0, failedAttempts: 0 });

    await expectEveryFeedDelivered(db, kafka, prefix);
    const nla = await readTopic(kafka, `${prefix}NLA`);
    expect(nla.some((m) => m.key === opened.result!.activationId)).toBe(true);
  }, 300_000);
});
