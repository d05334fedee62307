import { randomUUID } from 'node:crypto';
import { openActivationInput, startBenchApi } from '../support/bench-api.js';
import { LatencyStats } from '../support/latency-stats.js';

export interface NotFoundParityResult {
  /** What was probed: an activation hidden from the prober, or an id that exists nowhere. */
  probe: 'hidden' | 'absent';
  requests: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface NotFoundParity {
  results: NotFoundParityResult[];
  /** Median hidden − median absent, ms, with its 95% bootstrap interval. */
  difference: { median: number; low: number; high: number };
  /** The same for two random halves of the absent probes: how far apart two identical probes come out. */
  noise: { median: number; low: number; high: number };
  eventsPerActivation: number;
}

/**
 * How long a mutation takes to answer NOT_FOUND for an activation the caller may not see, against one that
 * does not exist (docs/security.md, "the write path is no oracle"): the answers are the same to the byte
 * (test/e2e/security/existence-oracle.spec.ts); this measures whether their timing tells them apart. The
 * hidden activations hold a realistic history, so the server loads and folds it before it refuses. One
 * connection, probes interleaved, so both kinds meet the same server state.
 */
export async function benchNotFoundParity(databaseUrl: string, probes: number): Promise<NotFoundParity> {
  const api = await startBenchApi(databaseUrl);
  const url = `${api.url}/graphql`;
  const [owner, prober] = await Promise.all([api.token('NLA'), api.token('SVB')]);
  const call = async (token: string, query: string, input: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { input } }),
    });
    return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  };
  const OPEN = 'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { activationId } }';
  const SIGNAL = 'mutation ($input: RecordSignalInput!) { recordSignal(input: $input) { activationId } }';
  const signal = (activationId: string) => ({
    activationId,
    signalId: randomUUID(),
    source: { kind: 'ANONYMOUS' },
    description: 'Bewoners melden overbewoning.',
  });

  const EVENTS = 30;
  const hidden = Array.from({ length: 20 }, () => randomUUID());
  try {
    for (const activationId of hidden) {
      await call(owner, OPEN, openActivationInput(activationId));
      for (let i = 1; i < EVENTS; i++) await call(owner, SIGNAL, signal(activationId));
    }
    const samples = { hidden: [] as number[], absent: [] as number[] };
    const probe = async (kind: 'hidden' | 'absent', activationId: string) => {
      const started = performance.now();
      const answer = await call(prober, SIGNAL, signal(activationId));
      samples[kind].push(performance.now() - started);
      if (answer.errors?.[0]?.extensions?.code !== 'NOT_FOUND') {
        throw new Error(`a ${kind} probe was not answered NOT_FOUND: ${JSON.stringify(answer)}`);
      }
    };
    // Warm up both paths, then interleave.
    for (let i = 0; i < 50; i++) {
      await probe('hidden', hidden[i % hidden.length]);
      await probe('absent', randomUUID());
    }
    samples.hidden.length = 0;
    samples.absent.length = 0;
    for (let i = 0; i < probes; i++) {
      if (i % 2 === 0) {
        await probe('hidden', hidden[i % hidden.length]);
        await probe('absent', randomUUID());
      } else {
        await probe('absent', randomUUID());
        await probe('hidden', hidden[i % hidden.length]);
      }
    }
    const results = (['hidden', 'absent'] as const).map((kind) => {
      const stats = new LatencyStats();
      samples[kind].forEach((ms) => stats.add(ms));
      return {
        probe: kind,
        requests: stats.count,
        p50: stats.percentile(50),
        p90: stats.percentile(90),
        p99: stats.percentile(99),
      };
    });
    const shuffled = [...samples.absent].sort(() => Math.random() - 0.5);
    const half = Math.floor(shuffled.length / 2);
    return {
      results,
      difference: medianDifference(samples.hidden, samples.absent),
      noise: medianDifference(shuffled.slice(0, half), shuffled.slice(half)),
      eventsPerActivation: EVENTS,
    };
  } finally {
    await api.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The difference of the medians, with a 95% percentile-bootstrap interval (1000 resamples). */
function medianDifference(a: readonly number[], b: readonly number[]) {
  const resample = (values: readonly number[]) =>
    Array.from(values, () => values[Math.floor(Math.random() * values.length)]);
  const differences = Array.from({ length: 1000 }, () => median(resample(a)) - median(resample(b))).sort(
    (x, y) => x - y,
  );
  return { median: median(a) - median(b), low: differences[25], high: differences[974] };
}
