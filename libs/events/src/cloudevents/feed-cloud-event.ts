import { CloudEvent, Kafka } from 'cloudevents';
import { DataCategory } from '#domain';
import { dataClassification } from './data-classification.js';
import { feedEventType, feedSequence } from './nl-gov-profile.js';

/** One entry of an agency's feed: an event as that agency was entitled to see it when it happened. */
export interface FeedEntry {
  /**
   * The entry's place in its agency's own feed (1, 2, 3, …), which the GraphQL feed pages by too. Not a
   * position among all agencies' entries: the gaps would count what other agencies were fed.
   */
  sequence: number | string;
  eventId: string;
  activationId: string;
  /** The event's wire name, e.g. `activation.opened`. */
  type: string;
  schemaVersion: number;
  /** When the event store recorded the event: the meaning of `time` under the NL GOV profile. */
  recordedAt: Date | string;
  /** The payload after redaction: withheld parts are null. */
  payload: unknown;
  carried: readonly DataCategory[];
  withheld: readonly DataCategory[];
}

/** A Kafka record in the CloudEvents structured content mode: the whole event is the JSON value. */
export interface FeedRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * The CloudEvent for one feed entry, after the NL GOV profile for CloudEvents (see nl-gov-profile.ts).
 * `id` is the event id, the same on every agency's topic; `sequence` the entry's place in the agency's own
 * feed, to resynchronise with the GraphQL feed; `time` when keten recorded the event (not when it happened in the field: that,
 * where it matters, is in `data`). `partitionkey` (the CloudEvents partitioning extension) is the
 * activation id: the Kafka binding makes it the record key, so one activation's events stay in order.
 * Context attributes carry no personal data: only ids, names of types and categories, and times.
 * Names of extension attributes are lowercase alphanumerics of at most 20 characters (CloudEvents 1.0).
 */
export function feedCloudEvent(entry: FeedEntry, source: string): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: entry.eventId,
    source,
    type: feedEventType(entry.type, entry.schemaVersion),
    subject: entry.activationId,
    time: new Date(entry.recordedAt).toISOString(),
    sequence: feedSequence(entry.sequence),
    datacontenttype: 'application/json',
    dataschema: `urn:keten:event:${entry.type}:${entry.schemaVersion}`,
    data: entry.payload,
    partitionkey: entry.activationId,
    ...dataClassification(entry.carried),
    ketencategories: entry.carried.join(','),
    // Absent rather than empty when nothing was withheld: CloudEvents attributes have no empty lists.
    ...(entry.withheld.length > 0 ? { ketenwithheld: entry.withheld.join(',') } : {}),
  });
}

/**
 * The Kafka record of a feed CloudEvent, as the SDK's Kafka binding builds it, without the binding's
 * record timestamp: that would be the event's `time`, and Kafka's time-based retention would then delete
 * an old event (a joining agency's history, a replay) the moment its segment rolls.
 */
export function feedRecord(event: CloudEvent<unknown>): FeedRecord {
  const { key, value, headers } = Kafka.structured(event);
  return { key: String(key), value, headers: headers as Record<string, string> };
}
