import { INestApplication } from '@nestjs/common';
import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { startApi } from '../../support/api-app.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { startWorker } from '../../support/worker-app.js';
import {
  deleteTopics,
  feedOf,
  FeedRow,
  graphqlFeedOf,
  idsByActivation,
  idsByKey,
  readTopic,
  relayCaughtUp,
  relayStatus,
  testKafka,
  topicExists,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';
import { waitUntil } from '../../support/processes.js';

/** Every agency the demo agreements name (DESIGN §4). */
const DEMO_AGENCIES = ['NLA', 'GM0599', 'GM0344', 'VR17', 'VR09', 'UWV', 'SVB', 'BD'];
/** Coordinates region VR13 and leads some of its activations, but holds no agreement. */
const UNENTITLED = 'VR13';
const SOURCE = 'urn:nld:oin:00000001003214345000:systeem:keten-relay-test';
/**
 * The worker's relay against the real broker: each demo agency's topic, read by a fresh consumer group,
 * holds exactly that agency's feed — the same ids, payloads and classification, each activation in order.
 */
describe('Kafka feed topics per agency', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let worker: INestApplication;
  let api: INestApplication;
  let apiUrl: string;
  let kafka: Kafka;

  beforeAll(async () => {
    db = await database.create();
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(60, 11, 'relay-topics'));
    worker = await startWorker({
      ...database.env,
      FEED_TOPIC_PREFIX: prefix,
      FEED_EVENT_SOURCE: SOURCE,
      FEED_RELAY_BATCH_SIZE: '250',
      FEED_TOPIC_RETENTION: 'P3D,NLA=P9D',
    });
    ({ app: api, url: apiUrl } = await startApi(database.env));
    await waitUntil(() => relayCaughtUp(db), 90_000, 'the relay published every feed entry');
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await deleteTopics(kafka, prefix);
    await database.drop();
  });

  it.each(DEMO_AGENCIES)(
    "%s's topic holds exactly its feed, each activation in order",
    async (agency) => {
      const rows = await feedOf(db, agency);
      expect(rows.length).toBeGreaterThan(0);
      const messages = await readTopic(kafka, prefix + agency);
      const recordedAt = new Map<string, Date>(
        (
          await db.query(`SELECT event_id, recorded_at FROM events WHERE event_id = ANY($1::uuid[])`, [
            rows.map((row) => row.event_id),
          ])
        ).map((row: { event_id: string; recorded_at: Date }) => [row.event_id, row.recorded_at]),
      );

      expect(messages.map((m) => m.event.id).sort()).toEqual(rows.map((r) => r.event_id).sort());
      expect(idsByKey(messages)).toEqual(idsByActivation(rows));
      const byId = new Map(messages.map((m) => [m.event.id, m]));
      for (const row of rows) {
        const { key, contentType, event } = byId.get(row.event_id)!;
        expect(key).toBe(row.activation_id);
        expect(contentType).toBe('application/cloudevents+json; charset=utf-8');
        expect(event).toMatchObject({
          specversion: '1.0',
          source: SOURCE,
          type: `nl.keten.${row.event_type}.v${row.schema_version}`,
          subject: row.activation_id,
          time: recordedAt.get(row.event_id)!.toISOString(),
          sequence: row.agency_seq.padStart(19, '0'),
          datacontenttype: 'application/json',
          ketencategories: row.carried.join(','),
        });
        expect(event.data).toEqual(row.payload);
        expect(event.ketenwithheld).toBe(row.withheld.length > 0 ? row.withheld.join(',') : undefined);
        expect(event.dataclassification).toBe(
          row.carried.some((c) => ['PERSONAL', 'HEALTH', 'CRIMINAL'].includes(c))
            ? 'restricted'
            : 'confidential',
        );
      }
    },
    60_000,
  );

  it.each(DEMO_AGENCIES)(
    "%s's topic carries what its GraphQL feed returns",
    async (agency) => {
      const [entries, messages] = await Promise.all([
        graphqlFeedOf(apiUrl, agency),
        readTopic(kafka, prefix + agency),
      ]);
      const rows: Pick<FeedRow, 'activation_id' | 'event_id'>[] = entries.map((entry) => ({
        activation_id: entry.activationId,
        event_id: entry.eventId,
      }));
      expect(idsByKey(messages)).toEqual(idsByActivation(rows));
      const byId = new Map(messages.map((m) => [m.event.id, m.event]));
      for (const entry of entries) {
        const event = byId.get(entry.eventId)!;
        expect({ type: event.type, subject: event.subject, data: event.data }).toEqual({
          type: `nl.keten.${entry.type}.v${entry.schemaVersion}`,
          subject: entry.activationId,
          data: entry.payload,
        });
        expect(event.ketencategories).toBe(entry.categories.join(','));
        expect(event.ketenwithheld ?? '').toBe(entry.withheld.join(','));
      }
    },
    60_000,
  );

  it("keeps each agency's topic for the retention configured for it (FEED_TOPIC_RETENTION)", async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: DEMO_AGENCIES.map((agency) => ({
          type: ConfigResourceTypes.TOPIC,
          name: prefix + agency,
        })),
      });
      const retention = Object.fromEntries(
        resources.map((resource) => [
          resource.resourceName.slice(prefix.length),
          resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue,
        ]),
      );
      const days = (n: number) => String(n * 86_400_000);
      expect(retention).toEqual(
        Object.fromEntries(DEMO_AGENCIES.map((agency) => [agency, agency === 'NLA' ? days(9) : days(3)])),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('publishes nothing for an agency without an agreement, though it coordinates activations', async () => {
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM events WHERE type = 'activation.opened' AND data->>'region' = $1`,
      [UNENTITLED],
    );
    expect(count).toBeGreaterThan(0);
    expect(await feedOf(db, UNENTITLED)).toEqual([]);
    if (await topicExists(kafka, prefix + UNENTITLED)) {
      expect(await readTopic(kafka, prefix + UNENTITLED)).toEqual([]);
    }
  });

  it('reports its lag on the worker’s health port', async () => {
    const [{ max }] = await db.query(`SELECT max(feed_seq)::int AS max FROM rm_feed`);
    const { cluster, ...status } = await relayStatus(worker);
    expect(status).toEqual({
      publishing: true,
      relayedThrough: max,
      behind: 0,
      oldestWaitingSeconds: 0,
      failedAttempts: 0,
      deadLetters: { pending: 0, latest: [] },
    });
    expect(cluster).toEqual({
      clusterId: expect.any(String),
      since: expect.any(String),
      republishing: false,
    });
  });
});
