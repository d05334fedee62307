import { DataCategory, isActivationEventType } from '#domain';
import { catalogueEntry, upcastEventData } from '../catalogue/activation-events.catalogue.js';
import { redact } from './redact.js';
import { VisibleEvent } from './visible-event.js';

/** A payload stored already redacted (a feed row), with the schema version it was written at. */
export interface StoredPayload {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** The categories withheld from it when it was stored. */
  readonly withheld: readonly DataCategory[];
}

/**
 * A stored, already redacted payload as an agency holding `granted` may see it now: lifted to the current
 * schema of its type first, so the rules of this release apply to what an older release stored (a free
 * text it showed as plain text is now a narrative that counts as naming a person), then redacted by the
 * one redaction function. What was withheld then stays withheld and is known to have been there, so an
 * upcaster may classify by it. Nothing stored can become more visible than it was.
 */
export function redactStored(
  stored: StoredPayload,
  granted: ReadonlySet<DataCategory>,
): (VisibleEvent & { schemaVersion: number }) | undefined {
  if (!isActivationEventType(stored.type)) return undefined;
  const data = upcastEventData(stored.type, stored.schemaVersion, stored.data, stored.withheld);
  const visible = redact({ type: stored.type, data }, granted);
  if (!visible) return undefined;
  return {
    ...visible,
    withheld: [...new Set([...stored.withheld, ...visible.withheld])].sort(),
    schemaVersion: catalogueEntry(stored.type).schemaVersion,
  };
}
