import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import type { RelayStatus } from '../../../apps/worker/src/relay/feed-relay.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { PrivateKafkaBroker } from '../../support/kafka-broker.js';
import { KetenProcess, scrapeMetrics, waitUntil } from '../../support/processes.js';
import {
  expectEveryFeedDelivered,
  relayCaughtUp,
  testKafka,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';

/**
 * The broker is replaced by an empty one at the same address (stopped, its data directory gone, started
 * again: a new cluster id): the relay notices that the cluster is not the one it published to, says so in
 * its log, a metric and /health/relay, and publishes every feed again from the start, until every topic
 * again holds its whole feed. The worker runs as its own process, as in production, so its log is read.
 */
describe('the relay after the Kafka cluster is replaced by an empty one', () => {
  const database = new IsolatedDatabase();
  const broker = new PrivateKafkaBroker(19096, 19097);
  const prefix = uniqueTopicPrefix();
  const kafka = testKafka(broker.bootstrap);
  let db: DataSource;
  let worker: KetenProcess;

  const relayStatus = async (): Promise<RelayStatus> =>
    (
      await fetch(`${await worker.url}/health/relay`, { signal: AbortSignal.timeout(10_000) })
    ).json() as Promise<RelayStatus>;

  beforeAll(async () => {
    db = await database.create();
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(40, 17, 'replaced'));
    await broker.start();
    worker = new KetenProcess('worker', {
      ...database.env,
      KAFKA_BROKERS: broker.bootstrap,
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: '200',
      FEED_RELAY_MAX_RETRY_MS: '1000',
    });
    await worker.start();
    await waitUntil(() => relayCaughtUp(db), 120_000, 'the relay published every feed entry');
  }, 300_000);
  afterAll(async () => {
    await worker?.dispose();
    await database.drop();
    await broker.dispose();
  }, 120_000);

  it('republishes every feed from the start to the new cluster, and says so', async () => {
    await expectEveryFeedDelivered(db, kafka, prefix);
    const first = await relayStatus();
    expect(first.cluster).toMatchObject({ clusterId: expect.any(String), republishing: false });
    expect(first.cluster?.previousClusterId).toBeUndefined();
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM rm_feed`);
    expect(first.relayedThrough).toBeGreaterThanOrEqual(total);

    await broker.stop();
    broker.wipeData();
    await broker.start();

    await waitUntil(
      async () => (await relayStatus()).cluster?.previousClusterId === first.cluster!.clusterId,
      120_000,
      'the relay noticed the new cluster',
    );
    await waitUntil(() => relayCaughtUp(db), 120_000, 'the relay published every feed to the new cluster');
    const after = await relayStatus();
    expect(after).toMatchObject({ behind: 0, failedAttempts: 0 });
    expect(after.cluster).toMatchObject({
      clusterId: expect.not.stringMatching(first.cluster!.clusterId),
      previousClusterId: first.cluster!.clusterId,
      republishedFrom: first.relayedThrough,
      republishing: false,
    });
    expect((await scrapeMetrics(worker)).get('keten_relay_cluster_replacements_total')).toBe(1);
    expect(worker.log(1_000_000)).toContain(
      `is not the cluster ${first.cluster!.clusterId} the relay published to (through feed entry ${first.relayedThrough})`,
    );

    // Every topic of the new cluster holds its whole feed again, each activation in order.
    await expectEveryFeedDelivered(db, kafka, prefix);
  }, 300_000);
});
