import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '#platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { prepareTestDatabase } from './test-database.js';
import { testEnvironment } from './test-env.js';
import { testTokenIssuer } from './test-tokens.js';

/** Boots the real api module in-process on a free port, configured through the environment like production. */
export async function startApi(
  overrides: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, testEnvironment(overrides));
  await Promise.all([prepareTestDatabase(), testTokenIssuer()]);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
