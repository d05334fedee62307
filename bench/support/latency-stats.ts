/** Latency samples in milliseconds, summarised the way the benchmark tables report them. */
export class LatencyStats {
  private readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}

/**
 * Runs `task` from `workers` concurrent loops until `total` tasks ran (or, with `untilMs`, until that
 * much time has passed: no task starts after it); returns events/s and latencies (added to `stats` when
 * given, so rounds of one case can be summarised together).
 */
export async function runConcurrently(
  workers: number,
  total: number,
  task: (worker: number, index: number) => Promise<number>,
  { untilMs = Infinity, stats = new LatencyStats() }: { untilMs?: number; stats?: LatencyStats } = {},
): Promise<{ perSecond: number; stats: LatencyStats; units: number; seconds: number }> {
  let next = 0;
  let units = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < total && performance.now() - started < untilMs) {
        const index = next++;
        const t0 = performance.now();
        // Not `units += await …`: that reads `units` before the await and loses other workers' counts.
        const done = await task(worker, index);
        units += done;
        stats.add(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: units / seconds, stats, units, seconds };
}
