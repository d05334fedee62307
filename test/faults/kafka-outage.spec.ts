import { DataSource } from 'typeorm';
import { loadDemoAgreements } from '../../bench/generator/bulk-load.js';
import {
  openPreventiveInput,
  scenarioTokens,
  send,
} from '../e2e/activations/activation-mutations.fixture.js';
import {
  expectEveryFeedDelivered,
  readTopic,
  testKafka,
  uniqueTopicPrefix,
} from '../integration/relay/feed-topics.fixture.js';
import type { RelayStatus } from '../../apps/worker/src/relay/feed-relay.js';
import { IsolatedDatabase } from '../support/isolated-database.js';
import { PrivateKafkaBroker } from '../support/kafka-broker.js';
import { expectReadModelsAndFeedsComplete } from './support/entitlements.js';
import { writeActivations } from './support/event-writer.js';
import { KetenProcess, pause, scrapeMetrics, waitUntil } from '../support/processes.js';
import { everythingCaughtUp } from './support/subscriptions.js';

const OUTAGE_MS = 30_000;

/**
 * Kafka (a broker of the test's own) is stopped for 30 seconds while clients keep sending commands to the
 * real api process and the real worker process keeps projecting: every command succeeds (the write path
 * does not use Kafka), the relay reports the outage and its backlog, and once the broker is back every
 * agency's topic catches up with its whole feed, nothing lost.
 */
describe('a 30 s Kafka outage under load', () => {
  const database = new IsolatedDatabase();
  const broker = new PrivateKafkaBroker(19692);
  const prefix = uniqueTopicPrefix();
  const kafka = testKafka(broker.bootstrap);
  let db: DataSource;
  let api: KetenProcess;
  let worker: KetenProcess;

  const relayStatus = async (): Promise<RelayStatus> =>
    (
      await fetch(`${await worker.url}/health/relay`, { signal: AbortSignal.timeout(10_000) })
    ).json() as Promise<RelayStatus>;

  beforeAll(async () => {
    db = await database.create();
    await loadDemoAgreements(db);
    await broker.start();
    const env = {
      ...database.env,
      KAFKA_BROKERS: broker.bootstrap,
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: '100',
      FEED_RELAY_MAX_RETRY_MS: '2000',
      LOG_LEVEL: 'error',
    };
    api = new KetenProcess('api', env);
    worker = new KetenProcess('worker', env);
    await Promise.all([api.start(), worker.start()]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([api?.dispose(), worker?.dispose()]);
    await database.drop();
    await broker.dispose();
  }, 180_000);

  it('keeps taking commands while Kafka is away and delivers every feed entry once it is back', async () => {
    const url = await api.url;
    const { nla, gemeente, uwv } = await scenarioTokens();
    await writeActivations(db, { events: 500, seed: 41, prefix: 'kafka-before' });
    await waitUntil(() => everythingCaughtUp(db), 120_000, 'the relay published the first events');

    // Clients act on activations of their own the whole time; the event store also takes a burst directly.
    const failures: unknown[] = [];
    let commands = 0;
    let clientsRunning = true;
    const leads: [string, string][] = [
      [nla, 'NLA'],
      [gemeente, 'GM0599'],
      [uwv, 'UWV'],
    ];
    const clients = leads.map(async ([token, leadAgency]) => {
      while (clientsRunning) {
        const opened = openPreventiveInput({ leadAgency });
        const open = await send(url, 'openActivation', opened, token);
        const signal = await send(
          url,
          'recordSignal',
          {
            activationId: opened.activationId,
            expectedVersion: open.result?.version,
            signalId: `signal-${commands}`,
            source: { kind: 'EXTERNAL', name: 'FNV' },
            description: 'Workers report unpaid overtime.',
          },
          token,
        );
        commands += 2;
        for (const response of [open, signal])
          if (response.errors || response.status !== 200) failures.push(response);
        await pause(100);
      }
    });
    const burst = writeActivations(db, { events: 3000, seed: 42, prefix: 'kafka-during', writers: 3 });

    await pause(1000);
    await broker.stop();
    const stoppedAt = Date.now();
    await waitUntil(
      async () => {
        const status = await relayStatus();
        return status.failedAttempts > 0 && status.behind > 0 && status.lastError !== undefined;
      },
      OUTAGE_MS * 3,
      'the relay reports the outage and its backlog',
    );
    await waitUntil(
      async () => ((await scrapeMetrics(worker)).get('keten_relay_lag_entries') ?? 0) > 0,
      30_000,
      'the relay lag metric shows the backlog',
    );
    const commandsBefore = commands;
    await pause(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    const duringOutage = commands - commandsBefore;
    await burst;
    const backlog = (await relayStatus()).behind;

    await broker.start();
    await waitUntil(
      async () => (await relayStatus()).failedAttempts === 0,
      120_000,
      'the relay publishes again',
    );
    clientsRunning = false;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(duringOutage).toBeGreaterThan(0);
    await waitUntil(() => everythingCaughtUp(db), 180_000, 'the relay caught up after the outage');
    expect(await relayStatus()).toMatchObject({ behind: 0, failedAttempts: 0, publishing: true });

    const { events } = await expectReadModelsAndFeedsComplete(db);
    await expectEveryFeedDelivered(db, kafka, prefix);
    const nlaTopic = await readTopic(kafka, `${prefix}NLA`);
    expect(nlaTopic.length).toBeGreaterThan(0);
    console.log(
      `kafka outage: ${commands} commands over GraphQL (${duringOutage} while Kafka was down for ` +
        `${Math.round(OUTAGE_MS / 1000)} s), a backlog of ${backlog} feed entries, ${events} events delivered`,
    );
  }, 600_000);
});
