import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, prepareDatabase } from '#platform';
import { AGENCY_FEEDS, READ_MODELS } from '#read-models';
import { loadDemoAgreements } from '../../bench/generator/bulk-load.js';
import { deleteTopics, testKafka, uniqueTopicPrefix } from '../integration/relay/feed-topics.fixture.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { TEST_KAFKA_BROKERS, testEnvironment } from '../support/test-env.js';
import { expectReadModelsAndFeedsComplete } from './support/entitlements.js';
import { writeActivations } from './support/event-writer.js';
import { freePort, KetenProcess, scrapeMetrics, waitUntil } from '../support/processes.js';
import { everythingCaughtUp } from './support/subscriptions.js';

const SUBSCRIPTIONS = [READ_MODELS.name, AGENCY_FEEDS.name];
const gauge = (metrics: Map<string, number>, name: string, subscription: string) =>
  metrics.get(`${name}{subscription="${subscription}"}`);

/**
 * A transaction left open in another session holds the gap-safe horizon back for every subscription of
 * the cluster. The worker's /metrics shows it: the lag in events rises while events are written behind
 * it, with how long the horizon has been held; once the transaction ends the lag falls back to 0 and the
 * read models catch up. On a Postgres cluster of the test's own, so the open transaction holds back no
 * other test.
 */
describe('subscriber lag behind a long open transaction', () => {
  let postgres: PrivatePostgres;
  let db: DataSource;
  let worker: KetenProcess;
  let holder: Client | undefined;
  const prefix = uniqueTopicPrefix();

  beforeAll(async () => {
    postgres = new PrivatePostgres(await freePort());
    await postgres.start();
    const env = testEnvironment({ DATABASE_URL: postgres.url() });
    const config = loadConfig(env);
    await prepareDatabase(config, { log: () => undefined });
    db = await new DataSource(dataSourceOptions(config, { poolSize: 4 })).initialize();
    await loadDemoAgreements(db);
    worker = new KetenProcess('worker', {
      DATABASE_URL: postgres.url(),
      FEED_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'error',
    });
    await worker.start();
  }, 240_000);
  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    await worker?.dispose();
    await db?.destroy();
    await postgres?.dispose();
    await deleteTopics(testKafka(TEST_KAFKA_BROKERS), prefix).catch(() => undefined);
  }, 120_000);

  it('reports the lag and the held horizon while a transaction is open, and 0 once it ends', async () => {
    await writeActivations(db, { events: 300, seed: 5, prefix: 'lag-before' });
    await waitUntil(() => everythingCaughtUp(db), 120_000, 'the worker processed the first events');
    await waitUntil(
      async () => {
        const metrics = await scrapeMetrics(worker);
        return SUBSCRIPTIONS.every((s) => gauge(metrics, 'keten_subscription_lag_events', s) === 0);
      },
      60_000,
      'the lag metrics read 0',
    );
    const before = await scrapeMetrics(worker);
    expect(before.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(gauge(before, 'keten_subscription_horizon_held_seconds', READ_MODELS.name)).toBe(0);
    expect(before.get('keten_relay_lag_entries')).toBeDefined();

    holder = new Client({ connectionString: postgres.url() });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT txid_current()');

    const written = await writeActivations(db, { events: 400, seed: 6, prefix: 'lag-held' });
    let held: Map<string, number> | undefined;
    await waitUntil(
      async () => {
        held = await scrapeMetrics(worker);
        return SUBSCRIPTIONS.every(
          (s) =>
            gauge(held!, 'keten_subscription_lag_events', s)! >= written.written &&
            gauge(held!, 'keten_subscription_held_back_events', s)! >= written.written &&
            gauge(held!, 'keten_subscription_horizon_held_seconds', s)! >= 2,
        );
      },
      60_000,
      'the metrics show the events held back behind the open transaction',
      250,
    );
    // Still held: nothing of it reached the read models.
    expect(await everythingCaughtUp(db)).toBe(false);
    const heldFor = gauge(held!, 'keten_subscription_horizon_held_seconds', READ_MODELS.name)!;
    await waitUntil(
      async () =>
        gauge(await scrapeMetrics(worker), 'keten_subscription_horizon_held_seconds', READ_MODELS.name)! >
        heldFor,
      30_000,
      'the held time keeps growing',
      250,
    );

    await holder.query('COMMIT');
    await holder.end();
    holder = undefined;
    await waitUntil(
      async () => {
        const metrics = await scrapeMetrics(worker);
        return SUBSCRIPTIONS.every(
          (s) =>
            gauge(metrics, 'keten_subscription_lag_events', s) === 0 &&
            gauge(metrics, 'keten_subscription_held_back_events', s) === 0 &&
            gauge(metrics, 'keten_subscription_horizon_held_seconds', s) === 0,
        );
      },
      120_000,
      'the lag falls back to 0 once the transaction ended',
      250,
    );
    await waitUntil(() => everythingCaughtUp(db), 120_000, 'the read models and feeds caught up');
    const { events } = await expectReadModelsAndFeedsComplete(db);
    const after = await scrapeMetrics(worker);
    expect(
      gauge(after, 'keten_subscription_events_processed_total', READ_MODELS.name),
    ).toBeGreaterThanOrEqual(events);
    console.log(
      `lag: ${written.written} events held behind an open transaction for ${heldFor.toFixed(1)} s and more, then processed`,
    );
  }, 300_000);
});
