import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The worker's Prometheus metrics, served at GET /metrics on its port: how far each gap-safe subscription
 * and the Kafka relay are behind, what holds them back, plus the Node.js process metrics. One registry per
 * worker module (not prom-client's global one), so tests that boot several workers in one process do not
 * collide.
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly subscriptionLag = new Gauge({
    name: 'keten_subscription_lag_events',
    help: 'Events committed past the subscription checkpoint and not yet processed.',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly subscriptionHeldBack = new Gauge({
    name: 'keten_subscription_held_back_events',
    help: 'Of the lagging events, those an older open transaction holds beyond the gap-safe horizon.',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly horizonHeld = new Gauge({
    name: 'keten_subscription_horizon_held_seconds',
    help: 'While events are held back: how long the transaction holding the horizon has been open (0 otherwise).',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly eventsProcessed = new Counter({
    name: 'keten_subscription_events_processed_total',
    help: 'Events the subscription processed (committed with its checkpoint) in this process.',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly batchFailures = new Counter({
    name: 'keten_subscription_batch_failures_total',
    help: 'Batches that failed and were rolled back, to be retried (e.g. while Postgres is unreachable).',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly lagUpdated = new Gauge({
    name: 'keten_subscription_lag_updated_timestamp_seconds',
    help: 'When the lag gauges of the subscription were last measured (stale while Postgres is unreachable).',
    labelNames: ['subscription'],
    registers: [this.registry],
  });

  readonly relayLag = new Gauge({
    name: 'keten_relay_lag_entries',
    help: 'Feed entries written and not yet acknowledged by Kafka.',
    registers: [this.registry],
  });

  readonly relayOldestWaiting = new Gauge({
    name: 'keten_relay_oldest_waiting_seconds',
    help: 'Age of the oldest feed entry not yet acknowledged by Kafka.',
    registers: [this.registry],
  });

  readonly relayFailedAttempts = new Gauge({
    name: 'keten_relay_failed_attempts',
    help: 'Consecutive failed attempts of the relay to publish to Kafka (0 while it publishes).',
    registers: [this.registry],
  });

  readonly relayDeadLetters = new Gauge({
    name: 'keten_relay_dead_letters',
    help: 'Feed entries Kafka refused for good, set aside and not yet replayed (npm run relay:replay-dead-letters).',
    registers: [this.registry],
  });

  readonly relayDeadLettered = new Counter({
    name: 'keten_relay_dead_lettered_total',
    help: 'Feed entries this process set aside as dead letters because Kafka refused them for good.',
    registers: [this.registry],
  });

  readonly relayClusterReplacements = new Counter({
    name: 'keten_relay_cluster_replacements_total',
    help: 'Times this process found a Kafka cluster other than the one it published to, and republished every feed.',
    registers: [this.registry],
  });

  readonly projectionVersion = new Gauge({
    name: 'keten_projection_version',
    help: 'The version of each projection this worker writes (a new version is rebuilt at start).',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text and its content type, for the /metrics endpoint. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Runs `measure` every `intervalMs` (never two at once) until the returned function is called. */
export function every(intervalMs: number, measure: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= measure()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
