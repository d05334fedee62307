import { BatchHandler, GapSafeSubscription } from '#events';

/**
 * Drives a subscription until it has handled every committed event. An empty batch is not the end: the
 * gap-safe horizon is cluster-wide, so a transaction open in another test's database holds events back
 * for a moment; wait for it instead of stopping early.
 */
export async function catchUp(
  subscription: GapSafeSubscription,
  handler: BatchHandler,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await subscription.processBatch(handler)) > 0) continue;
    if ((await subscription.progress()).behind === 0) return;
    if (Date.now() > deadline) throw new Error(`subscription still behind after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
