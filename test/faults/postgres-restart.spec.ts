import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, prepareDatabase } from '#platform';
import { READ_MODELS } from '#read-models';
import { loadDemoAgreements } from '../../bench/generator/bulk-load.js';
import { openPreventiveInput, scenarioTokens } from '../e2e/activations/activation-mutations.fixture.js';
import {
  deleteTopics,
  expectEveryFeedDelivered,
  testKafka,
  uniqueTopicPrefix,
} from '../integration/relay/feed-topics.fixture.js';
import { graphql } from '../support/graphql-client.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { TEST_KAFKA_BROKERS, testEnvironment } from '../support/test-env.js';
import { expectReadModelsAndFeedsComplete } from './support/entitlements.js';
import { writeActivations } from './support/event-writer.js';
import { freePort, KetenProcess, pause, waitUntil } from '../support/processes.js';
import { checkpointOf, everythingCaughtUp, whyBehind } from './support/subscriptions.js';

type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'recovered';

interface Answer {
  operation: 'openActivation' | 'activations' | 'me';
  sentIn: Phase;
  answeredIn: Phase;
  status: number;
  code?: string;
  message?: string;
  extensions?: Record<string, unknown>;
  eventIds?: string[];
  /** The request failed without an HTTP answer, or did not get one within a minute: it hung. */
  failed?: string;
}

const OPEN = `mutation Open($input: OpenActivationInput!) {
  openActivation(input: $input) { activationId version eventIds duplicate }
}`;
const LIST = `query { activations(first: 5) { edges { node { id } } } }`;
const ME = `query { me { userId agency agreementsInForce { agreementId } } }`;

/**
 * Postgres goes away under load and comes back: on a cluster of the test's own, stopped with `pg_ctl stop
 * -m fast` (every session ends with admin_shutdown, new ones are refused) while clients send queries and
 * mutations to the real api process and events keep being written for the real worker process. The api
 * answers each request at once with SERVICE_UNAVAILABLE (HTTP 503, a sentence, no stack trace) and its
 * readiness probe says 503; once Postgres is back both processes carry on without a restart, and the worker
 * resumes from its checkpoints: every event in every entitled read model and feed, once.
 */
describe('a Postgres restart under load', () => {
  let postgres: PrivatePostgres;
  let db: DataSource;
  let api: KetenProcess;
  let worker: KetenProcess;
  const prefix = uniqueTopicPrefix();
  const kafka = testKafka(TEST_KAFKA_BROKERS);
  let phase: Phase = 'up';
  const answers: Answer[] = [];

  beforeAll(async () => {
    postgres = new PrivatePostgres(await freePort());
    await postgres.start();
    const config = loadConfig(testEnvironment({ DATABASE_URL: postgres.url() }));
    await prepareDatabase(config, { log: () => undefined });
    db = await new DataSource(dataSourceOptions(config, { poolSize: 6 })).initialize();
    await loadDemoAgreements(db);
    const env = {
      DATABASE_URL: postgres.url(),
      FEED_TOPIC_PREFIX: prefix,
      FEED_RELAY_BATCH_SIZE: '100',
      LOG_LEVEL: 'error',
    };
    api = new KetenProcess('api', env);
    // The worker logs its warnings too (a relay backing off), for a failure to show.
    worker = new KetenProcess('worker', { ...env, LOG_LEVEL: 'warn' });
    await Promise.all([api.start(), worker.start()]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([api?.dispose(), worker?.dispose()]);
    await db?.destroy().catch(() => undefined);
    await postgres?.dispose();
    await deleteTopics(kafka, prefix).catch(() => undefined);
  }, 120_000);

  async function request(operation: Answer['operation'], token: string): Promise<Answer> {
    const sentIn = phase;
    const [document, variables] =
      operation === 'openActivation'
        ? [OPEN, { input: { ...openPreventiveInput(), commandId: randomUUID() } }]
        : [operation === 'activations' ? LIST : ME, {}];
    try {
      const response = await graphql<{ openActivation?: { eventIds: string[] } }>(
        await api.url,
        document,
        variables,
        token,
        { signal: AbortSignal.timeout(60_000) },
      );
      const [error] = response.errors ?? [];
      return {
        operation,
        sentIn,
        answeredIn: phase,
        status: response.status,
        code: error?.extensions?.code,
        message: error?.message,
        extensions: error?.extensions,
        eventIds: response.data?.openActivation?.eventIds,
      };
    } catch (error) {
      return { operation, sentIn, answeredIn: phase, status: 0, failed: (error as Error).message };
    }
  }

  const readiness = async () =>
    (await fetch(`${await api.url}/health/ready`, { signal: AbortSignal.timeout(30_000) })).status;

  it('answers SERVICE_UNAVAILABLE while it is down, recovers without a restart, and loses nothing', async () => {
    const { nla, coordinator } = await scenarioTokens();
    await writeActivations(db, { events: 1000, seed: 11, prefix: 'pg-before' });
    await waitUntil(() => everythingCaughtUp(db), 120_000, 'the worker processed the first events');
    const pids = { api: api.pid, worker: worker.pid };

    // Events keep coming for the worker (the writer retries through the outage with the same command ids) ...
    const writing = writeActivations(db, { events: 3000, seed: 12, prefix: 'pg-during', writers: 4 });
    // ... and clients keep asking the api.
    let clientsRunning = true;
    const clients = Array.from({ length: 4 }, async (_, client) => {
      const operations = ['openActivation', 'activations', 'me'] as const;
      for (let i = 0; clientsRunning; i++) {
        answers.push(await request(operations[(client + i) % 3], client % 2 ? nla : coordinator));
        await pause(50);
      }
    });

    const before = await checkpointOf(db, READ_MODELS.name);
    await waitUntil(
      async () => (await checkpointOf(db, READ_MODELS.name)) !== before,
      60_000,
      'the worker is projecting the new events',
    );
    phase = 'stopping';
    // The test's own pool goes through it too: the writer's appends fail and are retried.
    await postgres.stop('fast');
    phase = 'down';
    const downSince = answers.length;
    await waitUntil(
      () =>
        answers.slice(downSince).filter((a) => a.sentIn === 'down' && a.answeredIn === 'down').length >= 12,
      60_000,
      'the api answered a dozen requests while Postgres was down',
    );
    expect(await readiness()).toBe(503);
    await pause(3000);
    expect(api.running && worker.running).toBe(true);

    phase = 'starting';
    await postgres.start();
    await waitUntil(async () => (await readiness()) === 200, 60_000, 'the api is ready again');
    await waitUntil(
      async () => (await request('activations', nla)).code === undefined,
      60_000,
      'the api answers queries again',
    );
    phase = 'recovered';
    const recoveredSince = answers.length;
    await waitUntil(
      () => answers.slice(recoveredSince).filter((a) => a.sentIn === 'recovered').length >= 12,
      60_000,
      'clients got a dozen answers after the restart',
    );
    clientsRunning = false;
    await Promise.all(clients);
    const written = await writing;

    // Every answer was a result or a typed, readable SERVICE_UNAVAILABLE; none hung, none was a 500.
    if (answers.some((a) => a.code && a.code !== 'SERVICE_UNAVAILABLE')) {
      const unexpected = answers.filter((a) => a.code && a.code !== 'SERVICE_UNAVAILABLE');
      console.error(
        `unexpected answers: ${JSON.stringify(unexpected)}\nthe api's errors:\n${api.errorLines().join('\n')}`,
      );
    }
    expect(answers.filter((a) => a.failed)).toEqual([]);
    for (const answer of answers) {
      if (answer.code === undefined) {
        expect(answer).toMatchObject({ status: 200 });
        continue;
      }
      expect(answer).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(answer.message).toMatch(/^[A-Za-z][^\n]+ [^\n]+\.$/);
      expect(answer.message).not.toMatch(/ECONNREFUSED|57P01|terminat|\bat \S+ \(|Error:/i);
      expect(answer.extensions).not.toHaveProperty('stacktrace');
      expect(answer.extensions).not.toHaveProperty('exception');
    }
    const whileDown = answers.filter((a) => a.sentIn === 'down' && a.answeredIn === 'down');
    expect(whileDown.length).toBeGreaterThanOrEqual(12);
    expect(whileDown.filter((a) => a.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(answers.filter((a) => a.sentIn === 'recovered' && a.code !== undefined)).toEqual([]);

    // The same processes, recovered on their own.
    expect({ api: api.pid, worker: worker.pid }).toEqual(pids);
    expect(api.running && worker.running).toBe(true);

    // Every command the api confirmed is stored, and the worker resumed from its checkpoints.
    const confirmed = answers.flatMap((a) => a.eventIds ?? []);
    const [{ stored }] = await db.query(
      `SELECT count(*)::int AS stored FROM events WHERE event_id = ANY($1::uuid[])`,
      [confirmed],
    );
    expect(stored).toBe(confirmed.length);
    await waitUntil(() => everythingCaughtUp(db), 180_000, 'the worker caught up after the restart').catch(
      async (error: Error) => {
        const log = worker.log(6000);
        throw new Error(`${error.message}\n${await whyBehind(db)}\nthe end of the worker's log:\n${log}`);
      },
    );
    const { events } = await expectReadModelsAndFeedsComplete(db);
    await expectEveryFeedDelivered(db, kafka, prefix);
    console.log(
      `postgres restart: ${answers.length} requests (${whileDown.length} answered while down, ` +
        `${answers.filter((a) => a.code).length} SERVICE_UNAVAILABLE), ${events} events ` +
        `(${written.retries} appends retried), read models and feeds complete`,
    );
  }, 600_000);
});
