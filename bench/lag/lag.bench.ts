import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { catalogueEntry, EventStore } from '#events';
import { activationStreamId } from '#events';
import { ReadModelWatermark } from '#read-models';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { generateActivations } from '../generator/activation-generator.js';
import { LatencyStats } from '../support/latency-stats.js';

export interface LagResult {
  targetPerSecond: number;
  achievedPerSecond: number;
  p50: number;
  p99: number;
  samples: number;
}

/**
 * Commit → visible in the read models, at a sustained append rate: the worker runs in this process;
 * every fifth append waits on the projector's watermark for its own checkpoint.
 */
export async function benchProjectionLag(
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
    WORKER_PORT: '39901',
  });
  const worker: INestApplication = await NestFactory.create(WorkerModule, { logger: ['error'] });
  await worker.listen(0, '127.0.0.1');
  const store = new EventStore(db);
  const watermark = new ReadModelWatermark(db, 2);
  const results: LagResult[] = [];
  try {
    for (const [round, rate] of rates.entries()) {
      const events = [
        ...generateActivations(Math.ceil((rate * seconds) / 10) + 10, 900 + round, `lag${round}`),
      ].flatMap((a) =>
        a.events.map((e, i) => ({ streamId: activationStreamId(a.activationId), version: i, ...e })),
      );
      const stats = new LatencyStats();
      const pending: Promise<void>[] = [];
      const started = performance.now();
      let sent = 0;
      // Streams are appended in order; the generator interleaves activations, so use one writer per stream group.
      while (performance.now() - started < seconds * 1000 && sent < events.length) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        while (sent < due && sent < events.length) {
          const e = events[sent++];
          const result = await store.append(e.streamId, e.version, [
            {
              eventId: crypto.randomUUID(),
              type: e.event.type,
              schemaVersion: catalogueEntry(e.event.type).schemaVersion,
              data: e.event.data,
              metadata: {
                actor: { userId: e.actor.userId, agency: e.actor.agency, role: e.actor.role },
                correlationId: 'lag',
              },
              occurredAt: e.occurredAt,
            },
          ]);
          if (sent % 5 === 0 && result.checkpoint) {
            const committed = performance.now();
            pending.push(
              watermark
                .waitFor(result.checkpoint, 30_000)
                .then(() => stats.add(performance.now() - committed)),
            );
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const achieved = sent / ((performance.now() - started) / 1000);
      await Promise.all(pending);
      results.push({
        targetPerSecond: rate,
        achievedPerSecond: achieved,
        p50: stats.percentile(50),
        p99: stats.percentile(99),
        samples: stats.count,
      });
      process.stderr.write(
        `[bench] lag ${rate} ev/s (achieved ${achieved.toFixed(0)}): p50=${stats.percentile(50).toFixed(1)}ms p99=${stats.percentile(99).toFixed(1)}ms\n`,
      );
    }
  } finally {
    await worker.close();
  }
  return results;
}
