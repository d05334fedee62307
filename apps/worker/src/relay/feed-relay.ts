import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { checkpointsTable, configuredEventStore, EventStore, SubjectPseudonym, WakeSignal } from '#events';
import { AppConfig, FeedRelaySettings } from '#platform';
import { ActivityRegister } from '#read-models';
import { every, WorkerMetrics } from '../metrics/worker-metrics.js';
import { DeadLetterSummary, deadLetters } from './dead-letters/dead-letter.table.js';
import { FeedPublisher, Refusal } from './feed-publisher.js';
import { KafkaCluster } from './kafka-cluster.js';
import { RelayCluster, relayClusters } from './relay-cluster.table.js';
import { RelayAccessLog } from './relay-access-log.js';
import { RELAY_CHECKPOINT, relayEntries } from './relay-entries.js';
import { RelaySession } from './relay.session.js';

export { RELAY_CHECKPOINT } from './relay-entries.js';

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
  /**
   * The cluster the relay publishes to; after a replacement, the one it replaced, the checkpoint that one
   * had reached, and whether the relay is still publishing the feeds again up to there.
   */
  cluster?: RelayCluster & { republishing: boolean };
  /** Entries the broker refused for good, set aside until an operator replays them. */
  deadLetters: DeadLetterSummary;
}

/**
 * Publishes the agency feeds (rm_feed) to Kafka, one topic per agency, as CloudEvents keyed by activation.
 *
 * rm_feed has a single serialised writer, so feed_seq commits in order and "after the last feed_seq
 * relayed" never skips an entry. A batch goes out in feed_seq order (FeedPublisher), and the checkpoint
 * moves only after the broker acknowledged all of it: after a crash or a failed send the relay publishes
 * that batch again, which is the only way a consumer sees a message twice (it deduplicates by the
 * CloudEvent id). While Kafka does not answer, the relay retries with exponential backoff; the feeds keep
 * filling meanwhile. Two things would otherwise go unnoticed or block a feed for good:
 * - a replaced, empty cluster (its id differs from the one recorded): every feed is published again;
 * - an entry the broker refuses for good: it becomes a dead letter, in the checkpoint's transaction, and
 *   the relay moves on.
 */
@Injectable()
export class FeedRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FeedRelay');
  private readonly settings: FeedRelaySettings;
  private readonly publisher: FeedPublisher;
  private readonly cluster: KafkaCluster;
  private readonly lease: RelaySession;
  private readonly accessLog: RelayAccessLog;
  /** Opens the events of rows showing personal data, so that what an erasure deleted never goes out. */
  private readonly store: EventStore;
  /** The cluster id this process last found recorded and confirmed, so that only a change costs a query. */
  private confirmedCluster?: string;
  private running = false;
  private loop?: Promise<void>;
  private readonly signal = new WakeSignal();
  private failures = 0;
  private lastError?: string;
  private stopMeasuring?: () => Promise<void>;

  constructor(
    private readonly db: DataSource,
    kafka: Kafka,
    config: AppConfig,
    private readonly metrics: WorkerMetrics,
  ) {
    this.store = configuredEventStore(db, config);
    this.accessLog = new RelayAccessLog(
      new SubjectPseudonym(config.accessLogPseudonymKey),
      new ActivityRegister(this.store),
    );
    this.settings = config.feedRelay;
    this.publisher = new FeedPublisher(kafka, this.settings);
    this.cluster = new KafkaCluster(kafka);
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
      this.metrics.relayDeadLetters.set(status.deadLetters.pending);
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
    await this.publisher.close();
    await this.cluster.close();
    await this.lease.release();
  }

  /**
   * Publishes at most one batch, as its agencies may see it now, logs the disclosures, and moves the
   * checkpoint past it; returns how many feed rows it read (published or withheld).
   */
  async relayBatch(): Promise<number> {
    if (!(await this.lease.acquire())) return 0;
    this.signal.looking();
    await this.followCluster();
    const { entries, through, read } = await relayEntries.afterCheckpoint(
      this.db.manager,
      this.store,
      this.settings.batchSize,
      this.settings.activityOf,
    );
    if (through === undefined) return 0;

    const refused = await this.publisher.publish(entries);
    const refusedSeqs = new Set(refused.map(({ entry }) => entry.feedSeq));
    await this.db.transaction(async (tx) => {
      await deadLetters.record(
        tx,
        refused.map(({ entry, topic, reason, detail }) => ({
          feedSeq: entry.feedSeq,
          agency: entry.agency,
          eventId: entry.eventId,
          topic,
          reason,
          detail,
        })),
      );
      await this.accessLog.record(
        tx,
        entries.filter((entry) => !refusedSeqs.has(entry.feedSeq)),
      );
      await checkpointsTable.moveTo(tx, RELAY_CHECKPOINT, through);
    });
    this.reportDeadLetters(refused);
    return read;
  }

  async status(): Promise<RelayStatus> {
    const [backlog, cluster, letters] = await Promise.all([
      relayEntries.backlog(this.db.manager),
      relayClusters.find(this.db.manager, RELAY_CHECKPOINT),
      deadLetters.summary(this.db.manager),
    ]);
    return {
      publishing: this.lease.isHeld,
      ...backlog,
      failedAttempts: this.failures,
      lastError: this.lastError,
      cluster: cluster && {
        ...cluster,
        republishing:
          cluster.republishedFrom !== undefined && backlog.relayedThrough < cluster.republishedFrom,
      },
      deadLetters: letters,
    };
  }

  /**
   * Compares the cluster the broker belongs to with the one recorded. The first one seen is recorded
   * as it is (a new database, or one from before the relay recorded clusters: its checkpoint was
   * acknowledged by this cluster). A different one is a new cluster that holds none of what was
   * published: the checkpoint goes back to the start, in the transaction that records the new cluster.
   */
  private async followCluster(): Promise<void> {
    const clusterId = await this.cluster.id();
    if (clusterId === this.confirmedCluster) return;
    const recorded = await relayClusters.find(this.db.manager, RELAY_CHECKPOINT);
    if (!recorded) {
      await relayClusters.recordFirst(this.db.manager, RELAY_CHECKPOINT, clusterId);
    } else if (recorded.clusterId !== clusterId) {
      const republishedFrom = await this.db.transaction(async (tx) => {
        const through = await checkpointsTable.position(tx, RELAY_CHECKPOINT);
        await relayClusters.recordReplacement(tx, RELAY_CHECKPOINT, {
          from: recorded.clusterId,
          to: clusterId,
          republishedFrom: through,
        });
        await checkpointsTable.reset(tx, RELAY_CHECKPOINT);
        return through;
      });
      await this.publisher.reset();
      this.metrics.relayClusterReplacements.inc();
      this.logger.warn(
        `Kafka cluster ${clusterId} is not the cluster ${recorded.clusterId} the relay published to ` +
          `(through feed entry ${republishedFrom}): it is a new, empty cluster, so every feed is published ` +
          'again from the start; consumers drop the copies by CloudEvent id',
      );
    }
    this.confirmedCluster = clusterId;
  }

  private reportDeadLetters(refused: readonly Refusal[]): void {
    if (refused.length === 0) return;
    this.metrics.relayDeadLettered.inc(refused.length);
    for (const { entry, topic, reason, detail } of refused) {
      this.logger.error(
        `Kafka refused feed entry ${entry.feedSeq} (event ${entry.eventId}) for ${topic} for good: ` +
          `${reason} (${detail}); it is kept as a dead letter and the feed goes on. ` +
          'Fix the cause, then run `npm run relay:replay-dead-letters`.',
      );
    }
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
    await this.publisher.reset();
    const delay = Math.min(MIN_BACKOFF_MS * 2 ** Math.min(this.failures - 1, 16), this.settings.maxRetryMs);
    const behind = await this.status().then(
      (status) =>
        `${status.behind} feed entries waiting (oldest ${Math.round(status.oldestWaitingSeconds)} s)`,
      () => 'feed backlog unknown',
    );
    this.logger.warn(`feed relay attempt failed: ${error.message}; ${behind}; next attempt in ${delay} ms`);
    await this.signal.sleep(delay, { backOff: true });
  }
}
