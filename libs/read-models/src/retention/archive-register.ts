import {
  ACTIVATION_PROCESSING_ACTIVITY,
  activationArchiveDecision,
  type ArchiveDecision,
  type ProcessingActivityEvent,
  type RecordedRegisterEvent,
  selectionListCategoryAt,
} from '#domain';
import { EventStore, processingActivityStreamId } from '#events';

/** How long the register entry's history is reused before it is read again: a change shows within this time. */
const REUSE_MS = 5_000;

/**
 * The archive decisions of activations, as the register of processing activities decided them: the
 * selection-list category of the activations' processing activity in force when each one closed. Nothing
 * is stored: the decision follows from the close time and the register's history, both append-only, so
 * it is the same on every read and after every rebuild, and reopening an activation clears it.
 */
export class ArchiveRegister {
  private cached?: { readonly history: readonly RecordedRegisterEvent[]; readonly at: number };

  constructor(
    private readonly store: EventStore,
    private readonly activityId: string = ACTIVATION_PROCESSING_ACTIVITY,
  ) {}

  async decisionOf(activation: {
    readonly status: string;
    readonly closedAt: string | Date | null;
  }): Promise<ArchiveDecision | null> {
    const closedAt =
      activation.closedAt instanceof Date ? activation.closedAt.toISOString() : activation.closedAt;
    if (!closedAt) return null;
    const history = await this.history();
    return activationArchiveDecision(
      { status: activation.status, closedAt },
      selectionListCategoryAt(history, closedAt),
    );
  }

  private async history(): Promise<readonly RecordedRegisterEvent[]> {
    if (this.cached && Date.now() - this.cached.at < REUSE_MS) return this.cached.history;
    const events = await this.store.readStream(processingActivityStreamId(this.activityId));
    const history = events.map(({ type, data, occurredAt }) => ({
      event: { type, data } as ProcessingActivityEvent,
      occurredAt,
    }));
    this.cached = { history, at: Date.now() };
    return history;
  }
}
