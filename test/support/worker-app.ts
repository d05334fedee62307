import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '#platform';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { testEnvironment } from './test-env.js';

/** Boots the real worker (projector, agreement clock) in-process, configured through the environment. */
export async function startWorker(overrides: Record<string, string> = {}): Promise<INestApplication> {
  Object.assign(process.env, testEnvironment({ SUBSCRIPTION_POLL_MS: '200', ...overrides }));
  const app = await NestFactory.create(WorkerModule, { bufferLogs: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}
