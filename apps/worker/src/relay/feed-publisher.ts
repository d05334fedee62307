import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { feedCloudEvent, feedRecord } from '#events';
import type { FeedTopicRetention } from '#platform';
import { FeedTopics } from './feed-topics.js';
import type { RelayEntry } from './relay-entries.js';

export interface PublisherSettings {
  source: string;
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  /** How long the broker keeps each agency's topic; absent, the broker's own setting stays. */
  retention?: FeedTopicRetention;
}

/**
 * The retention.ms of a feed topic: its agency's (the topic is the prefix and the agency code), else the
 * default; undefined for every topic when no retention is configured.
 */
export function retentionOfTopics({
  retention,
  topicPrefix,
}: Pick<PublisherSettings, 'retention' | 'topicPrefix'>): ((topic: string) => number) | undefined {
  if (!retention) return undefined;
  return (topic) => retention.byAgency.get(topic.slice(topicPrefix.length)) ?? retention.defaultMs;
}

/** An entry the broker refused for good, with the broker's reason. */
export interface Refusal {
  entry: RelayEntry;
  topic: string;
  reason: string;
  detail: string;
}

/**
 * Broker errors that the same record meets again on every attempt: retrying would block the feed behind
 * it for ever. Everything else (a broker away, a leader moving, authorisation while an operator fixes an
 * ACL) is retried, because it concerns the connection or the topic, not the record.
 */
const PERMANENT_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TOPIC_EXCEPTION',
]);

/** The broker's code and sentence when `error` (or what caused it) is a permanent refusal. */
export function permanentRefusal(error: unknown): { reason: string; detail: string } | undefined {
  for (let cause = error as { type?: string; message?: string; cause?: unknown } | undefined; cause;) {
    if (cause.type && PERMANENT_ERRORS.has(cause.type))
      return { reason: cause.type, detail: cause.message ?? '' };
    cause = cause.cause as typeof cause | undefined;
  }
  return undefined;
}

/**
 * Sends feed entries to their agencies' topics as CloudEvents, through an idempotent producer (acks from
 * all in-sync replicas, one request in flight). When the broker refuses a batch for good, the batch is
 * split in halves, in feed order, until the entries it refuses stand alone: those are returned, everything
 * else is sent. One activation's entries keep their order; only a refused one is missing from it.
 */
export class FeedPublisher {
  private readonly topics: FeedTopics;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: PublisherSettings,
  ) {
    this.topics = new FeedTopics(kafka, {
      partitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      retentionMsOf: retentionOfTopics(settings),
    });
  }

  topicOf(agency: string): string {
    return this.settings.topicPrefix + agency;
  }

  /** Publishes the entries; throws on anything that may pass on a later attempt. */
  async publish(entries: readonly RelayEntry[]): Promise<Refusal[]> {
    if (entries.length === 0) return [];
    await this.topics.ensure([...new Set(entries.map((entry) => this.topicOf(entry.agency)))]);
    return this.publishOrIsolate(entries);
  }

  /** After a failure: a producer that failed mid-batch may hold stale sequence numbers, a topic may be gone. */
  async reset(): Promise<void> {
    this.topics.forget();
    await this.dropProducer();
  }

  async close(): Promise<void> {
    await this.dropProducer();
  }

  private async publishOrIsolate(entries: readonly RelayEntry[]): Promise<Refusal[]> {
    try {
      await this.send(entries);
      return [];
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (!refusal) throw error;
      // Partitions of the refused request other than the offending one may have been written: a new
      // producer starts new sequences, so sending them again duplicates (deduplicated by id) but never fails.
      await this.dropProducer();
      if (entries.length === 1)
        return [{ entry: entries[0], topic: this.topicOf(entries[0].agency), ...refusal }];
      const half = Math.ceil(entries.length / 2);
      const first = await this.publishOrIsolate(entries.slice(0, half));
      return [...first, ...(await this.publishOrIsolate(entries.slice(half)))];
    }
  }

  private async send(entries: readonly RelayEntry[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const entry of entries) {
      const topic = this.topicOf(entry.agency);
      const messages = byTopic.get(topic) ?? [];
      messages.push(feedRecord(feedCloudEvent(entry, this.settings.source)));
      byTopic.set(topic, messages);
    }
    this.producer ??= await this.connectProducer();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  private async connectProducer(): Promise<Producer> {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's partitioner, so every Kafka client maps an activation id to the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, unlike kafkajs's default for idempotent producers (retry forever): the relay's own
      // backoff takes over, stays visible in the log and status, and lets the worker stop.
      retry: { retries: 5, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
