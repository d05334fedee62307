import { DataSource } from 'typeorm';
import { AGENCY_FEEDS, READ_MODELS } from '#read-models';
import { loadDemoAgreements } from '../../bench/generator/bulk-load.js';
import {
  deleteTopics,
  expectEveryFeedDelivered,
  testKafka,
  uniqueTopicPrefix,
} from '../integration/relay/feed-topics.fixture.js';
import { IsolatedDatabase } from '../support/isolated-database.js';
import { TEST_KAFKA_BROKERS } from '../support/test-env.js';
import { expectReadModelsAndFeedsComplete } from './support/entitlements.js';
import { WriteProgress, writeActivations } from './support/event-writer.js';
import { KetenProcess, pause, waitUntil } from '../support/processes.js';
import { checkpointOf, everythingCaughtUp, relayCheckpoint } from './support/subscriptions.js';

const EVENTS = 10_000;
const RELAY_BATCH = 100;

/**
 * The worker (projector, feed projector and relay), as the built process of production, killed with
 * SIGKILL three times while 10,000 events are appended concurrently through the event store, and started
 * again: every agency's read models and Kafka feed end up with exactly what its agreements entitle it to;
 * the read models hold nothing twice; Kafka repeats only the batch the relay had in flight when it died.
 */
describe('the worker killed while events are written', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  const kafka = testKafka(TEST_KAFKA_BROKERS);
  let db: DataSource;
  let worker: KetenProcess;

  beforeAll(async () => {
    db = await database.create();
    await loadDemoAgreements(db);
    worker = new KetenProcess('worker', {
      ...database.env,
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: String(RELAY_BATCH),
      PROJECTOR_BATCH_SIZE: '200',
      LOG_LEVEL: 'error',
    });
    await worker.start();
  }, 240_000);
  afterAll(async () => {
    await worker?.dispose();
    await deleteTopics(kafka, prefix).catch(() => undefined);
    await database.drop();
  }, 120_000);

  it('loses nothing and duplicates nothing but the relay batch in flight', async () => {
    const progress: WriteProgress = { written: 0, retries: 0 };
    // On a busy machine the writers can outrun the restarts: they go on until the last kill is done.
    let killing = true;
    const writing = writeActivations(
      db,
      { events: EVENTS, seed: 31, prefix: 'crash', until: () => !killing },
      progress,
    );

    const relayAtKill: number[] = [];
    const killedAt: number[] = [];
    for (const share of [0.2, 0.45, 0.7]) {
      // Killed mid-work: once the events are coming, and after each subscription moved since the start.
      const moved = await Promise.all([READ_MODELS.name, AGENCY_FEEDS.name].map((s) => checkpointOf(db, s)));
      await waitUntil(
        () => progress.written >= share * EVENTS,
        300_000,
        `${share * EVENTS} events were written`,
      );
      await waitUntil(
        async () =>
          (await Promise.all([READ_MODELS.name, AGENCY_FEEDS.name].map((s) => checkpointOf(db, s)))).every(
            (at, i) => at !== moved[i],
          ),
        120_000,
        'the restarted worker is projecting',
      );
      await pause(Math.random() * 200);
      await worker.kill();
      killedAt.push(progress.written);
      relayAtKill.push(await relayCheckpoint(db));
      await pause(500);
      await worker.start();
    }
    killing = false;
    await writing;
    expect(progress.written).toBeGreaterThanOrEqual(EVENTS);
    // The kills happened while events were still being written.
    expect(Math.max(...killedAt)).toBeLessThan(progress.written);

    await waitUntil(() => everythingCaughtUp(db), 300_000, 'the restarted worker caught up');
    await worker.stop();

    const { events, rows } = await expectReadModelsAndFeedsComplete(db);
    const duplicates = await expectEveryFeedDelivered(db, kafka, prefix);
    const inFlight = (seq: number) => relayAtKill.some((at) => seq > at && seq <= at + RELAY_BATCH);
    expect(duplicates.filter((row) => !inFlight(Number(row.feed_seq)))).toEqual([]);
    expect(duplicates.length).toBeLessThanOrEqual(relayAtKill.length * RELAY_BATCH);
    console.log(
      `worker crash: ${events} events, ${rows} read-model and feed rows; killed at ${killedAt} events written ` +
        `(relay checkpoints ${relayAtKill}); ${duplicates.length} feed messages delivered twice`,
    );
  }, 900_000);
});
