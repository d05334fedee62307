import { foldProcessingActivity, processingActivityUri, type ProcessingActivityEvent } from '#domain';
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

  async uriOf(activityId: string): Promise<string> {
    const cached = this.known.get(activityId);
    if (cached && Date.now() - cached.at < REUSE_MS) return cached.uri;
    const events = await this.store.readStream(processingActivityStreamId(activityId));
    const state = foldProcessingActivity(
      events.map(({ type, data }) => ({ type, data }) as ProcessingActivityEvent),
    );
    const uri = processingActivityUri(activityId, state.recorded && state.version > 0 ? state.version : 1);
    this.known.set(activityId, { uri, at: Date.now() });
    return uri;
  }
}
