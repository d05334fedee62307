import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { checkpointsTable, feedCloudEvent, feedRecord, WakeSignal } from '#events';
import { AppConfig, FeedRelaySettings } from '#platform';
import { FeedRow, feedTable } from '#read-models';
import { every, WorkerMetrics } from '../metrics/worker-metrics.js';
import { FeedTopics } from './feed-topics.js';
import { RelaySession } from './relay.session.js';

/** The relay's row in subscription_checkpoints; its `position` is the last feed_seq Kafka acknowledged. */
export const RELAY_CHECKPOINT = 'kafka-relay';
const MIN_BACKOFF_MS = 200;
const STOP_GRACE_MS = 5000;
const LAG_INTERVAL_MS = 1000;

export interface RelayStatus {
  /** Whether this process holds the lease (one worker publishes, the others stand by). */
  publishing: boolean;
  /** The last feed_seq the broker acknowledged. */
  relayedThrough: number;
  /** Feed entries written and not yet acknowledged by the broker. */
  behind: number;
  /** Age of the oldest of those, in seconds: the relay's lag. */
  oldestWaitingSeconds: number;
  failedAttempts: number;
  lastError?: string;
}

/**
 * Publishes the agency feeds (rm_feed) to Kafka, one topic per agency, as CloudEvents keyed by activation.
 *
 * rm_feed has a single serialised writer, so feed_seq commits in order and "after the last feed_seq
 * relayed" never skips an entry. A batch goes out in feed_seq order through an idempotent producer
 * (one request in flight, acks from all in-sync replicas), and the checkpoint moves only after the broker
 * acknowledged all of it: after a crash or a failed send the relay publishes that batch again, which is
 * the only way a consumer sees a message twice (it deduplicates by the CloudEvent id). While Kafka does
 * not answer, the relay retries with exponential backoff; the feeds keep filling meanwhile.
 */
@Injectable()
export class FeedRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FeedRelay');
  private readonly settings: FeedRelaySettings;
  private readonly topics: FeedTopics;
  private readonly lease: RelaySession;
  private producer?: Producer;
  private running = false;
  private loop?: Promise<void>;
  private readonly signal = new WakeSignal();
  private failures = 0;
  private lastError?: string;
  private stopMeasuring?: () => Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly kafka: Kafka,
    config: AppConfig,
    private readonly metrics: WorkerMetrics,
  ) {
    this.settings = config.feedRelay;
    this.topics = new FeedTopics(kafka, this.settings);
    this.lease = new RelaySession(RELAY_CHECKPOINT, config.databaseUrl, () => this.signal.notify());
  }

  async onApplicationBootstrap(): Promise<void> {
    await checkpointsTable.ensure(this.db.manager, RELAY_CHECKPOINT);
    this.running = true;
    this.loop = this.run();
    this.stopMeasuring = every(LAG_INTERVAL_MS, async () => {
      const status = await this.status();
      this.metrics.relayLag.set(status.behind);
      this.metrics.relayOldestWaiting.set(status.oldestWaitingSeconds);
      this.metrics.relayFailedAttempts.set(status.failedAttempts);
    });
  }

  /** Before the database closes: a batch in flight is left unacknowledged and sent again on the next start. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.signal.interrupt();
    await this.stopMeasuring?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(timer);
    await this.dropProducer();
    await this.lease.release();
  }

  /** Publishes at most one batch and moves the checkpoint past it; returns how many entries it published. */
  async relayBatch(): Promise<number> {
    if (!(await this.lease.acquire())) return 0;
    this.signal.looking();
    const relayed = await checkpointsTable.position(this.db.manager, RELAY_CHECKPOINT);
    const rows = await feedTable.after(this.db.manager, relayed, this.settings.batchSize);
    if (rows.length === 0) return 0;

    const messages = new Map<string, Message[]>();
    for (const row of rows) {
      const topic = this.settings.topicPrefix + row.agency;
      const list = messages.get(topic) ?? [];
      list.push(this.toMessage(row));
      messages.set(topic, list);
    }
    await this.topics.ensure([...messages.keys()]);
    this.producer ??= await this.connectProducer();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...messages].map(([topic, list]) => ({ topic, messages: list })),
    });
    await checkpointsTable.moveTo(this.db.manager, RELAY_CHECKPOINT, rows[rows.length - 1].seq);
    return rows.length;
  }

  async status(): Promise<RelayStatus> {
    const relayedThrough = await checkpointsTable.position(this.db.manager, RELAY_CHECKPOINT);
    const backlog = await feedTable.backlog(this.db.manager, relayedThrough);
    return {
      publishing: this.lease.isHeld,
      relayedThrough,
      behind: backlog.behind,
      oldestWaitingSeconds: backlog.oldestWaitingSeconds,
      failedAttempts: this.failures,
      lastError: this.lastError,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed: number;
      try {
        relayed = await this.relayBatch();
      } catch (error) {
        if (this.running) await this.backOff(error as Error);
        continue;
      }
      if (this.failures > 0) {
        this.logger.log(`relaying to Kafka again after ${this.failures} failed attempts`);
        this.failures = 0;
        this.lastError = undefined;
      }
      if (relayed < this.settings.batchSize) await this.signal.sleep(this.settings.pollIntervalMs);
    }
  }

  private async backOff(error: Error): Promise<void> {
    this.failures += 1;
    this.lastError = error.message;
    // A producer that failed mid-batch may hold stale sequence numbers: the next attempt starts a new one.
    await this.dropProducer();
    this.topics.forget();
    const delay = Math.min(MIN_BACKOFF_MS * 2 ** Math.min(this.failures - 1, 16), this.settings.maxRetryMs);
    const behind = await this.status().then(
      (status) =>
        `${status.behind} feed entries waiting (oldest ${Math.round(status.oldestWaitingSeconds)} s)`,
      () => 'feed backlog unknown',
    );
    this.logger.warn(`feed relay attempt failed: ${error.message}; ${behind}; next attempt in ${delay} ms`);
    await this.signal.sleep(delay, { backOff: true });
  }

  private toMessage(row: FeedRow): Message {
    const event = feedCloudEvent(
      {
        eventId: row.event_id,
        activationId: row.activation_id,
        type: row.event_type,
        schemaVersion: row.schema_version,
        occurredAt: row.occurred_at,
        payload: row.payload,
        carried: row.carried,
        withheld: row.withheld,
      },
      this.settings.source,
    );
    return feedRecord(event);
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
