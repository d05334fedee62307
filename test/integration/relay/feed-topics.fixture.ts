import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { configuredEventStore, GapSafeSubscription } from '#events';
import { loadConfig } from '#platform';
import { AGENCY_FEEDS, FeedProjector } from '#read-models';
import type { RelayStatus } from '../../../apps/worker/src/relay/feed-relay.js';
import { catchUp } from '../../support/catch-up.js';
import { assertValidFeedMessage } from '../../support/cloudevents-validation.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { kafkaSecurity } from '../../support/kafka-credentials.js';
import { tokenFor } from '../../support/test-tokens.js';

/** One record of a feed topic, its value parsed: a CloudEvent in the structured JSON mode. */
export interface FeedMessage {
  partition: number;
  offset: number;
  key: string;
  contentType: string;
  event: {
    id: string;
    type: string;
    subject: string;
    time: string;
    data: Record<string, unknown>;
    ketencategories: string;
    ketenwithheld?: string;
    [attribute: string]: unknown;
  };
}

export interface FeedRow {
  feed_seq: string;
  /** The row's place in its agency's feed: the `sequence` of its message. */
  agency_seq: string;
  agency: string;
  event_id: string;
  activation_id: string;
  event_type: string;
  schema_version: number;
  occurred_at: Date;
  payload: Record<string, unknown>;
  carried: string[];
  withheld: string[];
}

/**
 * A topic prefix no other test file uses, so parallel suites on one broker never read each other's topics.
 * Under keten.feed., the topics the broker lets the relay create and write.
 */
export function uniqueTopicPrefix(): string {
  return `keten.feed.test-${randomBytes(4).toString('hex')}.`;
}

/** A client as the platform admin (an operator), which may read every topic. */
export function testKafka(brokers: string): Kafka {
  return new Kafka({
    clientId: 'keten-relay-test',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    ...kafkaSecurity('keten-admin'),
  });
}

/** Removes a test's topics, so that runs leave nothing behind on a shared broker. */
export async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

export async function topicExists(kafka: Kafka, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * A topic's offsets per partition. A topic the relay has just created may not have a leader yet
 * ("This server is not the leader for that topic-partition", retriable): asked again with fresh metadata
 * until it has, within a bound.
 */
async function topicEnds(kafka: Kafka, topic: string, attempts = 20) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin.fetchTopicOffsets(topic);
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
        await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from its beginning to its end as it is now, as a consumer group of its own (the way a new
 * agency system would), and returns the records in offset order per partition. Every message read is
 * checked against the official CloudEvents JSON schema and the NL GOV profile for CloudEvents, so that
 * every suite that reads a feed topic proves what it reads valid.
 */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<FeedMessage[]> {
  const ends = await topicEnds(kafka, topic);
  const pending = new Map(
    ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high) - 1]),
  );
  const messages: FeedMessage[] = [];
  if (pending.size === 0) return messages;

  const consumer = kafka.consumer({ groupId: `relay-test-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: partitions ${[...pending.keys()]} not read to the end`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const event = JSON.parse(message.value!.toString());
          try {
            assertValidFeedMessage(event, `${topic} partition ${partition} offset ${message.offset}`);
          } catch (error) {
            // Thrown here it would only make kafkajs retry the message: the read fails instead.
            clearTimeout(timer);
            reject(error as Error);
            return;
          }
          messages.push({
            partition,
            offset: Number(message.offset),
            key: message.key!.toString(),
            contentType: message.headers?.['content-type']?.toString() ?? '',
            event,
          });
          if (Number(message.offset) >= (pending.get(partition) ?? Infinity)) pending.delete(partition);
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** Ids per record key in the order a consumer sees them, the first copy of each only (consumers deduplicate by id). */
export function idsByKey(messages: readonly FeedMessage[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, event } of messages) {
    const ids = byKey.get(key) ?? [];
    if (!ids.includes(event.id)) ids.push(event.id);
    byKey.set(key, ids);
  }
  return byKey;
}

/** The agency's feed entries' ids per activation, in feed order. */
export function idsByActivation(
  rows: readonly Pick<FeedRow, 'activation_id' | 'event_id'>[],
): Map<string, string[]> {
  const byActivation = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byActivation.get(row.activation_id) ?? [];
    ids.push(row.event_id);
    byActivation.set(row.activation_id, ids);
  }
  return byActivation;
}

/**
 * Reads every agency's topic and expects its whole feed there and nothing else, each activation in feed
 * order once copies are dropped (as consumers deduplicate by id). Returns the entries delivered twice.
 */
export async function expectEveryFeedDelivered(
  db: DataSource,
  kafka: Kafka,
  prefix: string,
): Promise<FeedRow[]> {
  const agencies: { agency: string }[] = await db.query(
    `SELECT DISTINCT agency FROM rm_feed ORDER BY agency`,
  );
  expect(agencies.length).toBeGreaterThanOrEqual(8);
  const duplicates: FeedRow[] = [];
  for (const { agency } of agencies) {
    const rows = await feedOf(db, agency);
    const messages = await readTopic(kafka, prefix + agency);
    const ids = messages.map((m) => m.event.id);
    expect({ agency, ids: [...new Set(ids)].sort() }).toEqual({
      agency,
      ids: rows.map((r) => r.event_id).sort(),
    });
    expect(idsByKey(messages)).toEqual(idsByActivation(rows));
    const copies = new Map<string, number>();
    for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
    duplicates.push(...rows.filter((row) => copies.get(row.event_id)! > 1));
  }
  return duplicates;
}

/** The relay's lag and failures, as the worker's health port reports them. */
export async function relayStatus(worker: INestApplication): Promise<RelayStatus> {
  const url = (await worker.getUrl()).replace('[::1]', '127.0.0.1');
  return (await fetch(`${url}/health/relay`)).json() as Promise<RelayStatus>;
}

export function feedOf(db: DataSource, agency: string): Promise<FeedRow[]> {
  return db.query(`SELECT * FROM rm_feed WHERE agency = $1 ORDER BY feed_seq`, [agency]);
}

/** Writes every event's feed entries now, in-process, as the worker's feed projector would. */
export async function projectFeeds(db: DataSource, databaseUrl: string): Promise<void> {
  const store = configuredEventStore(db, loadConfig());
  const projector = new FeedProjector(store);
  const subscription = new GapSafeSubscription(db, store, {
    name: AGENCY_FEEDS.name,
    batchSize: 1000,
    pollIntervalMs: 1000,
    databaseUrl,
  });
  await catchUp(subscription, (events, tx) => projector.handle(events, tx));
}

/**
 * True once the feed projector has handled every event and the relay has had every feed entry acknowledged
 * by the broker.
 */
export async function relayCaughtUp(db: DataSource): Promise<boolean> {
  const [{ done }] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM subscription_checkpoints WHERE subscription = $1)
        AND NOT EXISTS (
              SELECT 1 FROM events e, subscription_checkpoints c
              WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position))
        AND (SELECT position FROM subscription_checkpoints WHERE subscription = 'kafka-relay')
            = (SELECT coalesce(max(feed_seq), 0) FROM rm_feed) AS done`,
    [AGENCY_FEEDS.name],
  );
  return done;
}

const FEED_QUERY = `query Feed($after: String) {
  feed(first: 500, after: $after) {
    edges { node { eventId activationId type schemaVersion payload withheld categories } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface FeedPage {
  feed: { edges: { node: GraphqlFeedEntry }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

export interface GraphqlFeedEntry {
  eventId: string;
  activationId: string;
  type: string;
  schemaVersion: number;
  payload: Record<string, unknown>;
  withheld: string[];
  categories: string[];
}

/** The agency's whole GraphQL feed, as its own system reads it page by page. */
export async function graphqlFeedOf(apiUrl: string, agency: string): Promise<GraphqlFeedEntry[]> {
  const token = await tokenFor({ userId: `feed@${agency.toLowerCase()}`, agency, role: 'AGENCY_SYSTEM' });
  const entries: GraphqlFeedEntry[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphqlResponse<FeedPage> = await graphql<FeedPage>(apiUrl, FEED_QUERY, { after }, token);
    expect(page.errors).toBeUndefined();
    const { edges, pageInfo } = page.data!.feed;
    entries.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage) return entries;
    after = pageInfo.endCursor;
  }
}
