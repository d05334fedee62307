import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '#platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { DevTokenIssuer } from '../../apps/api/src/auth/dev-token-issuer.js';

export interface CommandPathResult {
  operation: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
}

/**
 * The command path over HTTP with real tokens (autocannon, 16 connections): openActivation and
 * recordFinding against a trivial operation on the same server, the framework's floor.
 */
export async function benchCommandPath(databaseUrl: string, seconds: number): Promise<CommandPathResult[]> {
  const jwksFile = '.run/bench-keys/jwks.json';
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    JWT_JWKS_FILE: jwksFile,
    JWT_ISSUER: 'keten-bench',
    // One agency hammers the api at hundreds of requests a second: measure the path, not the rate limit.
    RATE_LIMIT_PER_AGENCY: '100000000',
  });
  const issuer = await DevTokenIssuer.open(jwksFile);
  const token = await issuer.sign(
    { userId: 'bench@nla', agency: 'NLA', role: 'INSPECTOR' },
    { issuer: 'keten-bench', audience: 'keten' },
  );
  const app: INestApplication = await NestFactory.create(ApiModule, { logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const open = (id: string) =>
    JSON.stringify({
      query: `mutation($input: OpenActivationInput!) { openActivation(input: $input) { streamVersion } }`,
      variables: {
        input: {
          activationId: id,
          kind: 'PREVENTIVE',
          trigger: 'OWN_OBSERVATION',
          themes: ['WORK'],
          region: 'VR17',
          municipality: 'GM0599',
          leadAgency: 'NLA',
        },
      },
    });
  const targets = Array.from({ length: 200 }, () => randomUUID());
  for (const id of targets) await fetch(url, { method: 'POST', headers, body: open(id) });

  const operations: [string, () => string][] = [
    ['trivial (serverInfo)', () => JSON.stringify({ query: '{ serverInfo { name } }' })],
    ['openActivation', () => open(randomUUID())],
    [
      'recordFinding',
      () =>
        JSON.stringify({
          query: `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { streamVersion } }`,
          variables: {
            input: {
              activationId: targets[Math.floor(Math.random() * targets.length)],
              findingId: randomUUID(),
              category: 'INCOME',
              description: 'Uurloon onder het minimumloon.',
              amounts: [{ label: 'uurloon', euroCents: 980 }],
            },
          },
        }),
    ],
  ];
  const results: CommandPathResult[] = [];
  try {
    for (const [operation, body] of operations) {
      const result = await autocannon({
        url,
        method: 'POST',
        headers,
        connections: 16,
        duration: seconds,
        requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
      });
      const rssMb = process.memoryUsage().rss / 1024 / 1024;
      results.push({
        operation,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
        rssMb,
      });
      process.stderr.write(
        `[bench] ${operation.padEnd(20)} ${result.requests.average.toFixed(0)} req/s p50=${result.latency.p50}ms p99=${result.latency.p99}ms\n`,
      );
    }
  } finally {
    // autocannon stops at its deadline with requests still in flight: let them finish before closing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app.close();
  }
  return results;
}
