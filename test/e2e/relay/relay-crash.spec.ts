import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { ensureBuilt, freePort, ROOT, waitUntil } from '../../support/processes.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import {
  deleteTopics,
  expectEveryFeedDelivered,
  projectFeeds,
  relayCaughtUp,
  testKafka,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';

const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const BATCH_SIZE = 100;

/**
 * The relay as it runs in production, the built worker in a process of its own, killed with SIGKILL while
 * it publishes thousands of feed entries and started again: every entry arrives, each activation in order,
 * and the only copies are of the one batch that was in flight when it died.
 */
describe('the relay after a crash', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let kafka: Kafka;
  let env: NodeJS.ProcessEnv;
  let worker: ChildProcess | undefined;

  // Its log (errors only) goes to the test's output.
  const startWorkerProcess = () => spawn(process.execPath, [WORKER], { cwd: ROOT, env, stdio: 'inherit' });
  const relayCheckpoint = async (): Promise<number> => {
    const [row] = await db.query(
      `SELECT position::int AS position FROM subscription_checkpoints WHERE subscription = 'kafka-relay'`,
    );
    return row?.position ?? 0;
  };

  beforeAll(async () => {
    await ensureBuilt();
    db = await database.create();
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(400, 21, 'relay-crash'));
    // The feeds are written up front, so the worker's relay is busy publishing from its first moment on.
    await projectFeeds(db, database.url);
    env = {
      ...process.env,
      ...database.env,
      WORKER_PORT: String(await freePort()),
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: String(BATCH_SIZE),
      SUBSCRIPTION_POLL_MS: '200',
      LOG_LEVEL: 'error',
    };
  }, 120_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
    await deleteTopics(kafka, prefix);
    await database.drop();
  });

  it('delivers every entry after SIGKILL mid-publishing, resending at most the batch in flight', async () => {
    const [{ events }] = await db.query(
      `SELECT count(*)::int AS events FROM events WHERE type NOT LIKE 'agreement.%'`,
    );
    expect(events).toBeGreaterThanOrEqual(5000);

    // Killed four times, at moments left to chance within the relay's cycle (a batch takes milliseconds).
    const checkpointsAtKill: number[] = [];
    for (const threshold of [2000, 4500, 7000, 9500]) {
      worker = startWorkerProcess();
      await waitUntil(
        async () => (await relayCheckpoint()) >= threshold,
        90_000,
        `${threshold} entries went out`,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
      worker.kill('SIGKILL');
      await once(worker, 'exit');
      checkpointsAtKill.push(await relayCheckpoint());
    }
    worker = startWorkerProcess();
    await waitUntil(() => relayCaughtUp(db), 120_000, 'the restarted relay published every entry');
    worker.kill('SIGTERM');
    await once(worker, 'exit');
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM rm_feed`);
    expect(Math.max(...checkpointsAtKill)).toBeLessThan(total);

    const duplicates = await expectEveryFeedDelivered(db, kafka, prefix);
    // Only the batches after the checkpoints the killed processes left behind went out twice.
    const inFlight = (seq: number) => checkpointsAtKill.some((at) => seq > at && seq <= at + BATCH_SIZE);
    expect(duplicates.filter((row) => !inFlight(Number(row.feed_seq)))).toEqual([]);
    console.log(
      `relay crash: ${total} feed entries of ${events} events, killed at checkpoints ${checkpointsAtKill}, ` +
        `${duplicates.length} entries delivered twice`,
    );
  }, 300_000);
});
