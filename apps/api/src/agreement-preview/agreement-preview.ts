import { ALL_DATA_CATEGORIES, DataCategory } from '#domain';
import { redact } from '#events';
import { SAMPLE_ACTIVATION, SampleEvent } from './sample-activation.js';

/** One entry of the sample as the agency would see it: the redaction function's answer, nothing added. */
export interface PreviewEntry {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly actingAgency: string;
  readonly type: string;
  readonly payload: unknown;
  readonly withheld: DataCategory[];
}

export interface Preview {
  readonly entries: PreviewEntry[];
  /** The categories of the sample the agency would not see, whether as withheld fields or hidden events. */
  readonly withheld: DataCategory[];
}

const ALL: ReadonlySet<DataCategory> = new Set(ALL_DATA_CATEGORIES);

/**
 * The sample activation as an agency holding `granted` would see it, through the one redaction function
 * (DESIGN §4): events of a primary category it lacks are not there at all, as on its timeline.
 */
export function previewOf(
  granted: ReadonlySet<DataCategory>,
  sample: readonly SampleEvent[] = SAMPLE_ACTIVATION,
): Preview {
  const entries: PreviewEntry[] = [];
  const held = new Set<DataCategory>();
  for (const { eventId, occurredAt, actingAgency, event } of sample) {
    // What the sample holds: what an agency granted everything would be shown of it.
    for (const category of redact(event, ALL)?.carried ?? []) held.add(category);
    const visible = redact(event, granted);
    if (visible)
      entries.push({
        eventId,
        occurredAt,
        actingAgency,
        type: visible.type,
        payload: visible.data,
        withheld: visible.withheld,
      });
  }
  return {
    entries,
    withheld: ALL_DATA_CATEGORIES.filter((category) => held.has(category) && !granted.has(category)),
  };
}
