import { foldProcessingActivity, processingActivityUri, type ProcessingActivityEvent } from '#domain';
import type { EntityManager } from 'typeorm';
import { EventStore, processingActivityStreamId } from '#events';
import { PURPOSE_ACTIVITIES } from './processing-purpose.js';

/** How long a register version is reused before it is read again: a change shows within this time. */
const REUSE_MS = 5_000;
/** Ids remembered at most: reads name ids of their own choosing, so the memory of unknown ones is bounded. */
const KNOWN_MAX = 1_000;

/** The built-in entries (the purposes): in the register since before it was kept, at version 1 at least. */
const BUILT_IN: ReadonlySet<string> = new Set(Object.values(PURPOSE_ACTIVITIES));

interface KnownEntry {
  /** The registered version, 0 when the id is not in the register (proposed only, rejected, unknown). */
  readonly version: number;
  readonly at: number;
}

/**
 * The register of processing activities as reads and agreements use it: whether an id is in the register
 * (built in, or proposed and approved), and the URI of its registered version
 * (`urn:keten:processing-activity:<id>:<version>`, `dpl.core.processing_activity_id`). A built-in activity
 * with no registered version yet (a database without a register entry for it) is named at version 1, the
 * entry agreements have served since before the register.
 */
export class ActivityRegister {
  private readonly known = new Map<string, KnownEntry>();

  constructor(private readonly store: EventStore) {}

  /** Whether reads may declare the activity and agreements serve it: built in, or registered. */
  async registered(activityId: string, tx?: EntityManager): Promise<boolean> {
    return BUILT_IN.has(activityId) || (await this.versionOf(activityId, tx)) > 0;
  }

  /**
   * `tx`: read inside the caller's transaction when it may read the events (the relay, whose pool has no
   * connection to spare while it holds its checkpoint's transaction); the api's read transactions may not,
   * so it reads on the store's own connection.
   */
  async uriOf(activityId: string, tx?: EntityManager): Promise<string> {
    return processingActivityUri(activityId, Math.max(1, await this.versionOf(activityId, tx)));
  }

  private async versionOf(activityId: string, tx?: EntityManager): Promise<number> {
    const cached = this.known.get(activityId);
    if (cached && Date.now() - cached.at < REUSE_MS) return cached.version;
    const events = await this.store.readStream(processingActivityStreamId(activityId), 0, { tx });
    const state = foldProcessingActivity(
      events.map(({ type, data }) => ({ type, data }) as ProcessingActivityEvent),
    );
    const version = state.recorded ? state.version : 0;
    if (this.known.size >= KNOWN_MAX) this.known.clear();
    this.known.set(activityId, { version, at: Date.now() });
    return version;
  }
}
