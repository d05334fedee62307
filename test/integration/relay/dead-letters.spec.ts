import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { generateActivations, GeneratedActivation } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { ensureBuilt, ROOT, waitUntil } from '../../support/processes.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { startWorker } from '../../support/worker-app.js';
import {
  deleteTopics,
  feedOf,
  idsByActivation,
  idsByKey,
  readTopic,
  relayCaughtUp,
  relayStatus,
  testKafka,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';

const run = promisify(execFile);
const REPLAY_CLI = join(ROOT, 'dist/apps/worker/src/relay/dead-letters/replay-dead-letters.cli.js');
/** NLA's topic takes no record batch larger than this; every other entry fits, the poison does not. */
const SMALL_MAX_MESSAGE_BYTES = 16_384;
const POISON_DESCRIPTION = 'Reported by several workers at once. '.repeat(1500); // ~55 kB

/**
 * An entry the broker refuses for good (here: larger than its topic's max.message.bytes) must not block
 * the feed behind it: it becomes a dead letter (table, metric, /health/relay with the broker's reason),
 * the relay publishes what follows, and `npm run relay:replay-dead-letters` publishes it once the cause
 * is fixed. On the shared broker, in topics of the test's own.
 */
describe('an entry Kafka refuses for good', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  const nlaTopic = `${prefix}NLA`;
  let db: DataSource;
  let kafka: Kafka;
  let worker: INestApplication;
  let poisonEventId: string;
  let env: Record<string, string>;

  const replay = () =>
    run(process.execPath, [REPLAY_CLI], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const setMaxMessageBytes = async (bytes: number) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          { type: 2, name: nlaTopic, configEntries: [{ name: 'max.message.bytes', value: String(bytes) }] },
        ],
      });
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    await ensureBuilt(); // the replay command runs from dist
    db = await database.create();
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await loadDemoAgreements(db);
    // One signal of an activation that NLA leads gets a description far beyond the topic's limit.
    const activations: GeneratedActivation[] = [...generateActivations(30, 23, 'poison')];
    const led = activations.find(
      (activation) =>
        (activation.events[0].event.data as { leadAgency: string }).leadAgency === 'NLA' &&
        activation.events.some(({ event }) => event.type === 'signal.recorded'),
    )!;
    const signal = led.events.find(({ event }) => event.type === 'signal.recorded')!;
    (signal.event.data as unknown as { description: { text: string } }).description.text = POISON_DESCRIPTION;
    await bulkLoad(db, activations);
    [{ event_id: poisonEventId }] = await db.query(
      `SELECT event_id FROM events WHERE type = 'signal.recorded' AND data->'description'->>'text' = $1`,
      [POISON_DESCRIPTION],
    );

    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: nlaTopic,
          numPartitions: 3,
          replicationFactor: 1,
          configEntries: [{ name: 'max.message.bytes', value: String(SMALL_MAX_MESSAGE_BYTES) }],
        },
      ],
    });
    await admin.disconnect();
    env = { ...database.env, FEED_TOPIC_PREFIX: prefix, FEED_RELAY_BATCH_SIZE: '50' };
    worker = await startWorker(env);
    await waitUntil(() => relayCaughtUp(db), 120_000, 'the relay went past every feed entry');
  }, 240_000);
  afterAll(async () => {
    await worker?.close();
    await deleteTopics(kafka, prefix);
    await database.drop();
  });

  it('sets it aside as a dead letter with the reason, and publishes the rest of the feed', async () => {
    const status = await relayStatus(worker);
    expect(status).toMatchObject({ behind: 0, failedAttempts: 0 });
    expect(status.deadLetters.pending).toBe(1);
    expect(status.deadLetters.latest).toEqual([
      expect.objectContaining({
        eventId: poisonEventId,
        agency: 'NLA',
        topic: nlaTopic,
        reason: 'MESSAGE_TOO_LARGE',
        detail: expect.stringMatching(/larger than the max message size/),
        attempts: 1,
      }),
    ]);
    const metrics = await (
      await fetch(`${(await worker.getUrl()).replace('[::1]', '127.0.0.1')}/metrics`)
    ).text();
    expect(metrics).toMatch(/^keten_relay_dead_letters 1$/m);
    expect(metrics).toMatch(/^keten_relay_dead_lettered_total 1$/m);

    // NLA's topic holds its whole feed but the poison, each activation still in order, entries after it too.
    const rows = await feedOf(db, 'NLA');
    const poisonSeq = Number(rows.find((row) => row.event_id === poisonEventId)!.feed_seq);
    expect(rows.some((row) => Number(row.feed_seq) > poisonSeq)).toBe(true);
    const withoutPoison = rows.filter((row) => row.event_id !== poisonEventId);
    expect(idsByKey(await readTopic(kafka, nlaTopic))).toEqual(idsByActivation(withoutPoison));
    // Other agencies' topics take messages that large: they got the entry as usual.
    const region = await feedOf(db, 'VR17');
    if (region.some((row) => row.event_id === poisonEventId)) {
      expect((await readTopic(kafka, `${prefix}VR17`)).some((m) => m.event.id === poisonEventId)).toBe(true);
    }
  });

  it('keeps the dead letter, one attempt more, when a replay meets the same refusal', async () => {
    const result = await replay();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused again .*MESSAGE_TOO_LARGE/);
    expect((await relayStatus(worker)).deadLetters.latest[0]).toMatchObject({
      eventId: poisonEventId,
      attempts: 2,
    });
  });

  it('publishes it with the replay command once the cause is fixed', async () => {
    await setMaxMessageBytes(1_048_576);
    const result = await replay();
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain('1 replayed, 0 withheld now, 0 refused again');
    expect((await relayStatus(worker)).deadLetters).toEqual({ pending: 0, latest: [] });

    const messages = await readTopic(kafka, nlaTopic);
    const rows = await feedOf(db, 'NLA');
    expect(new Set(messages.map((m) => m.event.id))).toEqual(new Set(rows.map((row) => row.event_id)));
    const replayed = messages.find((m) => m.event.id === poisonEventId)!;
    expect((replayed.event.data.description as { text: string }).text).toBe(POISON_DESCRIPTION);
    // Replayed late, it carries its feed position: a consumer can put it where it belongs.
    expect(replayed.event.sequence).toBe(
      rows.find((r) => r.event_id === poisonEventId)!.agency_seq.padStart(19, '0'),
    );
    expect(await replay()).toMatchObject({ code: 0, stdout: expect.stringContaining('no dead letters') });
  });
});
