import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '#platform';
import { retentionOfTopics } from '../../../apps/worker/src/relay/feed-publisher.js';
import { FeedTopics } from '../../../apps/worker/src/relay/feed-topics.js';
import { kafkaSecurity } from '../../support/kafka-credentials.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { deleteTopics, testKafka, uniqueTopicPrefix } from './feed-topics.fixture.js';

const DAY_MS = 86_400_000;

/*
 * Kafka retention per agency (issue 19): the relay creates an agency's topic with the retention.ms that
 * FEED_TOPIC_RETENTION gives it, and a topic that exists with another retention is altered to it, its other
 * own settings kept. Against the real broker, as the relay's principal (its ACLs let it do exactly this).
 */
describe('feed topic retention per agency', () => {
  const prefix = uniqueTopicPrefix();
  const admin = testKafka(TEST_KAFKA_BROKERS);
  const relay = new Kafka({
    clientId: 'keten-relay-retention-test',
    brokers: [TEST_KAFKA_BROKERS],
    logLevel: logLevel.NOTHING,
    ...kafkaSecurity('keten-relay'),
  });

  const topicsOf = (retention: string) =>
    new FeedTopics(relay, {
      partitions: 1,
      replicationFactor: 1,
      retentionMsOf: retentionOfTopics({
        topicPrefix: prefix,
        retention: loadConfig({ FEED_TOPIC_RETENTION: retention }).feedRelay.retention,
      }),
    });

  /** The topics' own settings (not the broker's defaults), by topic. */
  const settingsOf = async (...topics: string[]): Promise<Record<string, Record<string, string>>> => {
    const client = admin.admin();
    await client.connect();
    try {
      const { resources } = await client.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      });
      return Object.fromEntries(
        resources.map((resource) => [
          resource.resourceName,
          Object.fromEntries(
            resource.configEntries
              .filter((entry) => !entry.isDefault)
              .map((entry) => [entry.configName, entry.configValue]),
          ),
        ]),
      );
    } finally {
      await client.disconnect();
    }
  };

  afterAll(() => deleteTopics(admin, prefix));

  it("creates each agency's topic with its own retention, the others with the default", async () => {
    await topicsOf('P30D,NLA=P90D').ensure([`${prefix}NLA`, `${prefix}UWV`]);
    const settings = await settingsOf(`${prefix}NLA`, `${prefix}UWV`);
    expect(settings[`${prefix}NLA`]['retention.ms']).toBe(String(90 * DAY_MS));
    expect(settings[`${prefix}UWV`]['retention.ms']).toBe(String(30 * DAY_MS));
  });

  it('alters an existing topic whose retention differs, keeping its other settings', async () => {
    const topic = `${prefix}GM0599`;
    const client = admin.admin();
    await client.connect();
    try {
      await client.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 1,
            replicationFactor: 1,
            configEntries: [
              { name: 'retention.ms', value: String(365 * DAY_MS) },
              { name: 'max.message.bytes', value: '2000000' },
            ],
          },
        ],
      });
    } finally {
      await client.disconnect();
    }

    await topicsOf('P30D,GM0599=P14D').ensure([topic]);
    expect((await settingsOf(topic))[topic]).toMatchObject({
      'retention.ms': String(14 * DAY_MS),
      'max.message.bytes': '2000000',
    });

    // A relay started with another configuration aligns it again; the same configuration changes nothing.
    await topicsOf('PT12H').ensure([topic, `${prefix}NLA`]);
    const again = await settingsOf(topic, `${prefix}NLA`);
    expect(again[topic]['retention.ms']).toBe(String(12 * 3_600_000));
    expect(again[`${prefix}NLA`]['retention.ms']).toBe(String(12 * 3_600_000));
    await topicsOf('PT12H').ensure([topic]);
    expect((await settingsOf(topic))[topic]['retention.ms']).toBe(String(12 * 3_600_000));
  });
});
