import { readFileSync, writeFileSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { startApi } from '../../support/api-app.js';
import { feedMessageProblems } from '../../support/cloudevents-validation.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { KAFKA_CA_FILE } from '../../support/kafka-credentials.js';
import { PrivateKafkaBroker } from '../../support/kafka-broker.js';
import { kcat, kcatReadTopic } from '../../support/kcat.js';
import { ensureBuilt, pause, waitUntil } from '../../support/processes.js';
import { startWorker } from '../../support/worker-app.js';
import { feedOf, graphqlFeedOf, relayCaughtUp, relayStatus } from './feed-topics.fixture.js';

/**
 * Who may read what on the broker, proved from outside with kcat (librdkafka, not kafkajs): the broker
 * that deploy/kafka.sh starts takes TLS and SASL/SCRAM only, and its ACLs let agency X's principal read
 * keten.feed.X and nothing else. The relay publishes as keten-relay meanwhile, also while an agency's
 * credentials are rotated. A broker of the test's own, so that its topics are the real keten.feed.<agency>.
 */
describe('who may read an agency feed on Kafka', () => {
  const database = new IsolatedDatabase();
  const broker = new PrivateKafkaBroker(19094, 19095);
  let db: DataSource;
  let worker: INestApplication;
  let api: INestApplication;
  let apiUrl: string;
  let nla: string;
  let uwv: string;
  let seed = 700;
  const load = (activations: number) =>
    bulkLoad(db, generateActivations(activations, seed, `access-${seed++}`));

  /** NLA's topic as kcat reads it with these properties: the CloudEvents, parsed. */
  const readNla = async (properties: string) => {
    const result = await kcatReadTopic(properties, 'keten.feed.NLA');
    expect({
      code: result.code,
      errors: result.stderr.split('\n').filter((line) => / ERROR|FAIL/.test(line)),
    }).toEqual({
      code: 0,
      errors: [],
    });
    return result.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  beforeAll(async () => {
    await ensureBuilt(); // the client-config CLI runs from dist
    db = await database.create();
    await loadDemoAgreements(db);
    await load(40);
    await broker.start();
    const env = { ...database.env, KAFKA_BROKERS: broker.bootstrap, FEED_TOPIC_PREFIX: 'keten.feed.' };
    worker = await startWorker(env);
    ({ app: api, url: apiUrl } = await startApi(env));
    [nla, uwv] = [await broker.clientConfig('NLA'), await broker.clientConfig('UWV')];
    await waitUntil(() => relayCaughtUp(db), 90_000, 'the relay published every feed entry');
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
    await broker.dispose();
  }, 120_000);

  it('gives an agency a client properties file that kcat uses as it is', () => {
    const properties = Object.fromEntries(
      readFileSync(nla, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(properties).toEqual({
      'bootstrap.servers': broker.bootstrap,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'agency-NLA',
      'sasl.password': expect.stringMatching(/^[0-9a-f]{48}$/),
      'ssl.ca.location': KAFKA_CA_FILE,
    });
  });

  it('refuses a client without credentials, over plain TCP and over TLS alike', async () => {
    const plain = await kcat([
      '-b',
      broker.bootstrap,
      '-C',
      '-t',
      'keten.feed.NLA',
      '-o',
      'beginning',
      '-e',
      '-m',
      '3',
    ]);
    expect(plain.code).not.toBe(0);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/Broker transport failure|Disconnected/);
    const tlsOnly = await kcat([
      '-b',
      broker.bootstrap,
      '-X',
      'security.protocol=SSL',
      '-X',
      `ssl.ca.location=${KAFKA_CA_FILE}`,
      '-C',
      '-t',
      'keten.feed.NLA',
      '-o',
      'beginning',
      '-e',
      '-m',
      '3',
    ]);
    expect(tlsOnly.code).not.toBe(0);
    expect(tlsOnly.stdout).toBe('');
  });

  it('refuses a wrong password', async () => {
    const wrong = nla.replace(/\.properties$/, '.wrong.properties');
    writeFileSync(
      wrong,
      readFileSync(nla, 'utf8').replace(/^sasl\.password=.*$/m, 'sasl.password=not-the-password'),
    );
    const result = await kcat([
      '-F',
      wrong,
      '-C',
      '-t',
      'keten.feed.NLA',
      '-o',
      'beginning',
      '-e',
      '-m',
      '3',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Authentication failed during authentication due to invalid credentials/);
  });

  it("refuses UWV's credentials on NLA's topic, and lets UWV read its own", async () => {
    const result = await kcat(['-F', uwv, '-C', '-t', 'keten.feed.NLA', '-o', 'beginning', '-e']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Topic authorization failed/);
    const own = await kcatReadTopic(uwv, 'keten.feed.UWV');
    expect(own.code).toBe(0);
    expect(own.stdout.split('\n').filter(Boolean)).toHaveLength((await feedOf(db, 'UWV')).length);
  });

  it('lets NLA neither write to its topic nor use consumer groups outside keten.NLA.', async () => {
    const produce = await kcat(['-F', nla, '-P', '-t', 'keten.feed.NLA'], {
      input: '{"not":"a feed entry"}\n',
    });
    expect(produce.code).not.toBe(0);
    expect(produce.stderr).toMatch(/Topic authorization failed/);
    const foreignGroup = await kcat(['-F', nla, '-C', '-G', 'keten.UWV.reader', 'keten.feed.NLA', '-e']);
    expect(foreignGroup.code).not.toBe(0);
    expect(foreignGroup.stderr).toMatch(/Group authorization failed/);
    const ownGroup = await kcat(['-F', nla, '-C', '-G', 'keten.NLA.reader', 'keten.feed.NLA', '-e', '-q']);
    expect(ownGroup.code).toBe(0);
  });

  it("reads with NLA's credentials exactly NLA's GraphQL feed, as valid NL GOV CloudEvents", async () => {
    const [messages, entries] = await Promise.all([readNla(nla), graphqlFeedOf(apiUrl, 'NLA')]);
    expect(entries.length).toBeGreaterThan(0);
    expect(messages.flatMap((message) => feedMessageProblems(message))).toEqual([]);
    const byId = new Map(messages.map((message) => [message.id, message]));
    expect([...byId.keys()].sort()).toEqual(entries.map((entry) => entry.eventId).sort());
    for (const entry of entries) {
      expect(byId.get(entry.eventId)).toMatchObject({
        type: `nl.keten.${entry.type}.v${entry.schemaVersion}`,
        subject: entry.activationId,
        data: entry.payload,
        ketencategories: entry.categories.join(','),
      });
    }
  });

  it("keeps publishing while NLA's credentials are rotated; the old password stops working", async () => {
    const before = (await relayStatus(worker)).relayedThrough;
    let worstFailures = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        worstFailures = Math.max(worstFailures, (await relayStatus(worker)).failedAttempts);
        await pause(100);
      }
    })();
    const loading = (async () => {
      for (let round = 0; round < 6; round++) {
        await load(5);
        await pause(400);
      }
    })();
    await pause(600);
    const rotated = await broker.clientConfig('NLA', { rotate: true });
    expect(readFileSync(rotated, 'utf8')).not.toBe(readFileSync(nla, 'utf8'));
    const old = await kcat(['-F', nla, '-C', '-t', 'keten.feed.NLA', '-o', 'beginning', '-e', '-m', '3']);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toMatch(/Authentication failed/);
    await loading;
    await waitUntil(() => relayCaughtUp(db), 90_000, 'the relay published what was loaded meanwhile');
    watching = false;
    await watch;

    expect(worstFailures).toBe(0);
    expect((await relayStatus(worker)).relayedThrough).toBeGreaterThan(before);
    const messages = await readNla(rotated);
    expect(new Set(messages.map((message) => message.id))).toEqual(
      new Set((await feedOf(db, 'NLA')).map((row) => row.event_id)),
    );
  }, 240_000);
});
