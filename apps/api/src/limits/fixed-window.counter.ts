/**
 * Counts hits per key in fixed windows: one counter per key and constant work per hit, where a sliding
 * log (@nestjs/throttler's storage) keeps and scans a timestamp per hit, tens of thousands per request at
 * the benchmarks' rates under a generous limit. A fixed window lets a burst of up to twice the limit
 * straddle two windows, which a limit meant to stop runaway clients can live with.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(private readonly windowMs: number) {}

  /** Counts one hit; answers the hits in the key's current window and the whole seconds until it ends. */
  hit(key: string, now = Date.now()): { hits: number; resetSeconds: number } {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return {
      hits: window.hits,
      resetSeconds: Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)),
    };
  }
}
