import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  activationStreamId,
  configuredEventStore,
  EventStore,
  NewEvent,
  SubscriptionCheckpoint,
} from '#events';
import { loadConfig } from '#platform';
import { READ_MODELS } from '#read-models';
import { REPO_ROOT } from '../../deploy/demo/demo-loader.js';
import { FeedTopics } from '../../apps/worker/src/relay/feed-topics.js';
import { generateActivations, GeneratedActivation, toNewEvent } from '../generator/activation-generator.js';
import { loadDemoAgreements } from '../generator/bulk-load.js';
import { freePort } from '../support/free-port.js';
import { LatencyStats } from '../support/latency-stats.js';
import { startWorkerProcess, stopProcess } from '../support/bench-worker.js';

export interface LagResult {
  targetPerSecond: number;
  achievedPerSecond: number;
  writers: number;
  /** Commit → the read-model projector's checkpoint has passed the event. */
  readModel: { p50: number; p99: number; samples: number };
  /** Commit → consumed from an entitled agency's Kafka topic (first arrival). */
  kafka: { p50: number; p99: number; samples: number };
}

/** Under keten.feed., the topics the broker lets the relay (keten-relay) create and write. */
const TOPIC_PREFIX = 'keten.feed.bench.';
const WRITERS = 16;
/** Each rate first runs this long unmeasured, so the figures are of the steady state, not of the ramp-up. */
const STEADY_AFTER_MS = 5_000;

/**
 * Commit → visible, at a sustained append rate from concurrent writers (each activation's events in
 * order), measured two ways at once: in the read models (one poller follows the projector's checkpoint)
 * and at the end of the feed pipeline (projector → rm_feed → relay → Kafka → a consumer of every agency
 * topic). The worker runs as its own process (as in production: the writers and consumers of this
 * one must not slow its event loop), with its relay publishing to bench-only topics.
 */
export async function benchLag(
  db: DataSource,
  databaseUrl: string,
  rates: number[],
  seconds: number,
): Promise<LagResult[]> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    SUBSCRIPTION_POLL_MS: '1000',
    WORKER_PORT: String(await freePort()),
    FEED_TOPIC_PREFIX: TOPIC_PREFIX,
  });
  const [{ count }] = await db.query(
    `SELECT count(*)::int AS count FROM events WHERE type IN ('agreement.granted', 'agreement.proposed')`,
  );
  if (count === 0) await loadDemoAgreements(db);
  const agencies: string[] = (
    await db.query(
      `SELECT DISTINCT data->>'agency' AS agency FROM events WHERE type IN ('agreement.granted', 'agreement.proposed')`,
    )
  ).map((row: { agency: string }) => row.agency);

  // The consumer reads every agency's topic, so it is the operator (keten-admin) rather than one agency.
  const secrets = join(REPO_ROOT, '.cache/kafka/secrets');
  const kafka = new Kafka({
    clientId: 'keten-bench-lag',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
    ...loadConfig({
      KAFKA_SSL_CA_FILE: join(secrets, 'ca.crt'),
      KAFKA_SASL_USERNAME: 'keten-admin',
      KAFKA_SASL_PASSWORD_FILE: join(secrets, 'keten-admin.password'),
    }).kafkaSecurity,
  });
  await new FeedTopics(kafka, { partitions: 1, replicationFactor: 1 }).ensure(
    agencies.map((a) => TOPIC_PREFIX + a),
  );
  const consumed = new ArrivalTracker();
  const consumer = kafka.consumer({ groupId: `bench-lag-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: agencies.map((a) => TOPIC_PREFIX + a), fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { id } = JSON.parse(message.value?.toString() ?? '{}') as { id?: string };
      if (id) consumed.arrived(id);
    },
  });
  await joined;

  const worker = await startWorkerProcess();
  const projected = new CheckpointFollower(db);
  // As the api appends: personal values sealed (issue 19).
  const store = configuredEventStore(db, loadConfig());
  const results: LagResult[] = [];
  try {
    await warmUp(db, store, projected, consumed);
    for (const [round, rate] of rates.entries()) {
      const activations = [
        ...generateActivations(
          Math.ceil((rate * (seconds + STEADY_AFTER_MS / 1000)) / 8) + WRITERS,
          900 + round,
          `lag${round}`,
        ),
      ];
      const readModel = new LatencyStats();
      const overKafka = new LatencyStats();
      const started = performance.now();
      let slot = 0;
      let sent = 0;
      // Open loop: event n is due at started + n/rate, whoever writes it; a writer that falls behind its
      // slots shows as an achieved rate below the target, not as a slower schedule.
      const writer = async (lane: number) => {
        for (let a = lane; a < activations.length; a += WRITERS) {
          for (const [index, item] of activations[a].events.entries()) {
            const due = started + (slot++ * 1000) / rate;
            if (due - started > STEADY_AFTER_MS + seconds * 1000) return;
            await sleep(due - performance.now());
            const event = newEvent(item);
            const result = await store.append(activationStreamId(activations[a].activationId), index, [
              event,
            ]);
            const committed = performance.now();
            sent += 1;
            if (!result.checkpoint || committed - started < STEADY_AFTER_MS) continue;
            projected.track(result.checkpoint).then((at) => readModel.add(at - committed));
            consumed.track(event.eventId).then((at) => overKafka.add(at - committed));
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, lane) => writer(lane)));
      const achieved = sent / ((performance.now() - started) / 1000);
      await projected.drained(30_000);
      // Events no agency may see never reach a topic: wait for what can still arrive, then stop counting.
      await consumed.settled(30_000);
      results.push({
        targetPerSecond: rate,
        achievedPerSecond: achieved,
        writers: WRITERS,
        readModel: summary(readModel),
        kafka: summary(overKafka),
      });
      process.stderr.write(
        `[bench] lag ${rate} ev/s (achieved ${achieved.toFixed(0)}): read model p50=${readModel.percentile(50).toFixed(1)}ms ` +
          `p99=${readModel.percentile(99).toFixed(1)}ms; kafka p50=${overKafka.percentile(50).toFixed(1)}ms ` +
          `p99=${overKafka.percentile(99).toFixed(1)}ms (${overKafka.count} consumed)\n`,
      );
      consumed.reset();
    }
  } finally {
    projected.stop();
    await stopProcess(worker);
    await consumer.disconnect();
  }
  return results;
}

/**
 * Waits until the worker has caught up with what the database held before (earlier benchmarks' events)
 * and the whole pipeline runs: one probe activation must come out of Kafka. Shows how far behind it is.
 */
async function warmUp(
  db: DataSource,
  store: EventStore,
  projected: CheckpointFollower,
  consumed: ArrivalTracker,
): Promise<void> {
  const [probe] = generateActivations(1, 899, 'lagwarmup');
  const arrivals: Promise<number>[] = [];
  let checkpoint: SubscriptionCheckpoint | undefined;
  for (const [index, item] of probe.events.entries()) {
    const event = newEvent(item);
    arrivals.push(consumed.track(event.eventId));
    checkpoint = (await store.append(activationStreamId(probe.activationId), index, [event])).checkpoint;
  }
  let done = false;
  const caughtUp = Promise.all([projected.track(checkpoint!), Promise.any(arrivals)]).then(
    () => (done = true),
  );
  while (!done) {
    const [{ behind }] = await db.query(
      `SELECT count(*)::int AS behind FROM events e, subscription_checkpoints c
       WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position)`,
      [READ_MODELS.name],
    );
    process.stderr.write(`[bench] lag: waiting for the worker to catch up (${behind} events behind)\n`);
    await Promise.race([caughtUp, sleep(5000)]);
  }
  consumed.reset();
}

const newEvent = (item: GeneratedActivation['events'][number]): NewEvent => toNewEvent(item, 'lag');

const summary = (stats: LatencyStats) => ({
  p50: stats.percentile(50),
  p99: stats.percentile(99),
  samples: stats.count,
});

/** The built worker (dist/apps/worker/src/main.js) with this process's environment; resolves once it is live. */
const sleep = (ms: number) =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/**
 * Follows the read-model projector's checkpoint with one poller for every waiting sample, so measuring
 * the lag does not load the database with a poll per event.
 */
class CheckpointFollower {
  private waiting: { tx: bigint; position: bigint; resolve: (at: number) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: DataSource) {}

  track(checkpoint: SubscriptionCheckpoint): Promise<number> {
    this.timer ??= setTimeout(() => void this.poll(), 2);
    return new Promise((resolve) =>
      this.waiting.push({
        tx: BigInt(checkpoint.transactionId),
        position: BigInt(checkpoint.position),
        resolve,
      }),
    );
  }

  async drained(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.waiting.length > 0 && Date.now() < deadline) await sleep(20);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    const [row] = await this.db.query(
      `SELECT transaction_id::text AS tx, position::text AS position FROM subscription_checkpoints
       WHERE subscription = $1`,
      [READ_MODELS.name],
    );
    const at = performance.now();
    if (row) {
      const tx = BigInt(row.tx);
      const position = BigInt(row.position);
      this.waiting = this.waiting.filter((w) => {
        const reached = tx > w.tx || (tx === w.tx && position >= w.position);
        if (reached) w.resolve(at);
        return !reached;
      });
    }
    this.timer = this.waiting.length > 0 ? setTimeout(() => void this.poll(), 2) : undefined;
  }
}

/** First arrival time of each tracked event id on any of the consumed topics. */
class ArrivalTracker {
  private readonly waiting = new Map<string, (at: number) => void>();
  private early = new Map<string, number>();
  private lastArrival = performance.now();

  track(eventId: string): Promise<number> {
    const at = this.early.get(eventId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => this.waiting.set(eventId, resolve));
  }

  arrived(eventId: string): void {
    const at = performance.now();
    this.lastArrival = at;
    const resolve = this.waiting.get(eventId);
    if (resolve) {
      this.waiting.delete(eventId);
      resolve(at);
    } else if (!this.early.has(eventId)) {
      this.early.set(eventId, at); // consumed before the writer got to track it: a race, not a loss
    }
  }

  /** Waits until nothing has arrived for a second (or the timeout), then forgets who still waits. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && performance.now() - this.lastArrival < 1000) await sleep(100);
  }

  reset(): void {
    this.waiting.clear();
    this.early = new Map();
  }
}
