import { foldProcessingActivity, processingActivityUri, type ProcessingActivityEvent } from '#domain';
import type { EntityManager } from 'typeorm';
import { EventStore, processingActivityStreamId } from '#events';

/** How long a register version is reused before it is read again: a change shows within this time. */
const REUSE_MS = 5_000;

/**
 * The register URI of the activity a processing action served, at the version registered now
 * (`urn:keten:processing-activity:<id>:<version>`, `dpl.core.processing_activity_id`). An activity with no
 * registered version yet (a database without a register entry for it) is named at version 1, the built-in
 * entry agreements have served since before the register.
 */
export class ActivityRegister {
  private readonly known = new Map<string, { uri: string; at: number }>();

  constructor(private readonly store: EventStore) {}

  /**
   * `tx`: read inside the caller's transaction when it may read the events (the relay, whose pool has no
   * connection to spare while it holds its checkpoint's transaction); the api's read transactions may not,
   * so it reads on the store's own connection.
   */
  async uriOf(activityId: string, tx?: EntityManager): Promise<string> {
    const cached = this.known.get(activityId);
    if (cached && Date.now() - cached.at < REUSE_MS) return cached.uri;
    const events = await this.store.readStream(processingActivityStreamId(activityId), 0, { tx });
    const state = foldProcessingActivity(
      events.map(({ type, data }) => ({ type, data }) as ProcessingActivityEvent),
    );
    const uri = processingActivityUri(activityId, state.recorded && state.version > 0 ? state.version : 1);
    this.known.set(activityId, { uri, at: Date.now() });
    return uri;
  }
}
