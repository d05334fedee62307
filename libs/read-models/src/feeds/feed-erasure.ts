import { DataCategory } from '#domain';
import { isErased, redact, StoredEvent } from '#events';
import type { FeedRewrite, FeedRow } from './feed.table.js';

/** What an erasure changes in an activation's feed rows. */
export interface ErasureRewrite {
  /** The new payloads of the rows that showed a value now erased. */
  readonly rewrites: FeedRewrite[];
  /** Those rows as they were: their agencies received the erased data (AVG art. 19). */
  readonly lost: FeedRow[];
}

/**
 * The feed rows of an activation once personal data of it is erased: each row's payload becomes its event
 * as the store opens it now (an erased value is the marker), redacted by the one redaction function with
 * exactly the categories the row carried. So the row shows no category it did not show before, a field
 * withheld from it stays null (it never shows the marker), and no plaintext outlives the key. A row that
 * showed none of the erased values is left as it is; a row is never moved, renumbered or removed.
 *
 * `stream` is the activation's stream as the store reads it now (opened, upcast); `rows` every agency's
 * rows of it.
 */
export function erasureRewrites(rows: readonly FeedRow[], stream: readonly StoredEvent[]): ErasureRewrite {
  const events = new Map(stream.map((event) => [event.eventId, event]));
  const rewrites: FeedRewrite[] = [];
  const lost: FeedRow[] = [];
  for (const row of rows) {
    const event = events.get(row.event_id);
    if (!event) continue;
    const shown = new Set<DataCategory>(row.carried.filter((category) => !row.withheld.includes(category)));
    const visible = redact({ type: event.type, data: event.data }, shown);
    if (!visible) {
      // Its event no longer classifies as it did (a catalogue change): keep nothing rather than guess.
      rewrites.push({ seq: row.seq, payload: {}, schemaVersion: event.schemaVersion });
      continue;
    }
    // Markers appear only where a key is gone: more of them than the row had means it showed erased data.
    if (erasedValuesIn(visible.data) <= erasedValuesIn(row.payload)) continue;
    rewrites.push({ seq: row.seq, payload: visible.data, schemaVersion: event.schemaVersion });
    lost.push(row);
  }
  return { rewrites, lost };
}

/** Whether a payload holds a value whose key is gone (the marker), anywhere in it. */
export function holdsErasedValues(value: unknown): boolean {
  return erasedValuesIn(value) > 0;
}

function erasedValuesIn(value: unknown): number {
  if (isErased(value)) return 1;
  if (Array.isArray(value)) return value.reduce((n: number, element) => n + erasedValuesIn(element), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce((n: number, field) => n + erasedValuesIn(field), 0);
  }
  return 0;
}
