import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { openActivationInput, startBenchApi } from '../support/bench-api.js';

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
  const api = await startBenchApi(databaseUrl);
  const url = `${api.url}/graphql`;
  const token = await api.token('NLA');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const open = (id: string) =>
    JSON.stringify({
      query: `mutation($input: OpenActivationInput!) { openActivation(input: $input) { version } }`,
      variables: {
        input: openActivationInput(id),
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
          query: `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { version } }`,
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
    await api.close();
  }
  return results;
}
