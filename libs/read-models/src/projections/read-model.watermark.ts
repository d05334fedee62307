import { DataSource } from 'typeorm';
import { checkpointsTable, SubscriptionCheckpoint } from '#events';
import { READ_MODELS } from './projection.catalogue.js';

/**
 * How far the read models are: lets a writer wait until the projector has handled its own events, so a
 * mutation can answer with the view that includes them instead of a silently stale one.
 */
export class ReadModelWatermark {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pollMs = 20,
  ) {}

  reached(checkpoint: SubscriptionCheckpoint): Promise<boolean> {
    return checkpointsTable.reached(this.dataSource.manager, READ_MODELS.name, checkpoint);
  }

  /** True once the projector has passed `checkpoint`; false if it has not within `timeoutMs`. */
  async waitFor(checkpoint: SubscriptionCheckpoint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reached(checkpoint)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, deadline - Date.now())));
    }
  }
}
