import { DataSource } from 'typeorm';
import {
  ActivationEvent,
  AgencyCode,
  AgreementEvent,
  AgreementState,
  categoriesInForce,
  DataCategory,
  evolveAgreement,
  initialAgreementState,
  Instant,
  isActivationEventType,
  SafetyRegion,
} from '#domain';
import { configuredEventStore, EVENT_COLUMNS, redact, StoredEvent } from '#events';
import { loadConfig } from '#platform';
import { ActivationFacts, entitledAgencies, evolveFacts, readModelAgencies } from '#read-models';

/** What each agency should hold once every event is processed: computed from the events alone. */
export interface Entitlements {
  /** agency → the event ids on its joint timelines (activations it is entitled to now, events it may see). */
  timeline: Map<string, Set<string>>;
  /** agency → activation id → the stream's version (its activation list rows follow every event). */
  activations: Map<string, Map<string, number>>;
  /** agency → the event ids of its feed (everything it was entitled to when it happened, history on joining). */
  feed: Map<string, Set<string>>;
  events: number;
}

const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V) =>
  map.set(key, (map.get(key) ?? new Set<V>()).add(value));

/**
 * The oracle of the fault suites: replays the stored events through the domain's own rules (the agreement
 * fold, categories in force, who is entitled to an activation, the one redaction function), with none of
 * the projectors' machinery (no checkpoints, batches, transactions or restarts), and says what every
 * agency's read models and feed must contain. The agreements are the ones in force now; the suites do not
 * change them while events are written.
 */
export async function entitlements(db: DataSource, now = new Date()): Promise<Entitlements> {
  const store = configuredEventStore(db, loadConfig());
  const rows = await db.query(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY stream_id, stream_version`);
  const events: StoredEvent[] = await store.toStoredEvents(rows);

  const agreements = new Map<string, AgreementState>();
  for (const event of events.filter((e) => e.type.startsWith('agreement.'))) {
    const state = agreements.get(event.streamId) ?? initialAgreementState;
    agreements.set(
      event.streamId,
      evolveAgreement(state, { type: event.type, data: event.data } as AgreementEvent),
    );
  }
  const categoryCache = new Map<string, ReadonlySet<DataCategory>>();
  const categories = (agency: string, region: string) => {
    const key = `${agency}/${region}`;
    if (!categoryCache.has(key)) {
      categoryCache.set(
        key,
        categoriesInForce(
          agreements.values(),
          agency as AgencyCode,
          region as SafetyRegion,
          now.toISOString() as Instant,
        ),
      );
    }
    return categoryCache.get(key)!;
  };

  const expected: Entitlements = { timeline: new Map(), activations: new Map(), feed: new Map(), events: 0 };
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events.filter((e) => isActivationEventType(e.type))) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  for (const stream of streams.values()) {
    expected.events += stream.length;
    let facts: ActivationFacts | undefined;
    /** agency → the index of the last event after which it was entitled. */
    const lastEntitled = new Map<string, number>();
    stream.forEach((event, index) => {
      facts = evolveFacts(facts, { type: event.type, data: event.data } as ActivationEvent, event);
      if (facts) for (const agency of entitledAgencies(facts)) lastEntitled.set(agency, index);
    });
    if (!facts) continue;
    const final = facts;
    const visibleTo = (agency: string, event: StoredEvent) =>
      redact({ type: event.type, data: event.data }, categories(agency, final.region)) !== undefined;
    for (const [agency, last] of lastEntitled) {
      // A feed gets the history up to the last moment the agency was entitled (on joining: all before).
      stream
        .slice(0, last + 1)
        .forEach((event) => visibleTo(agency, event) && add(expected.feed, agency, event.eventId));
    }
    // The read models: the entitled agencies and the national team; each sees what its agreements allow,
    // and what it recorded itself whole while an agreement covers the case (CASE).
    const onTimeline = (agency: string, event: StoredEvent) =>
      (event.metadata.actor.agency === agency && categories(agency, final.region).has(DataCategory.CASE)) ||
      visibleTo(agency, event);
    for (const agency of readModelAgencies(final)) {
      const visible = stream.filter((event) => onTimeline(agency, event));
      visible.forEach((event) => add(expected.timeline, agency, event.eventId));
      if (visible.length > 0 && categories(agency, final.region).has(DataCategory.CASE)) {
        const list = expected.activations.get(agency) ?? new Map<string, number>();
        // The row follows the whole stream, seen or not: its version token must be the stream's.
        list.set(final.activationId, final.streamVersion);
        expected.activations.set(agency, list);
      }
    }
  }
  return expected;
}

/** What the database holds, in the same shape, plus any (agency, event) stored more than once. */
export async function actualViews(db: DataSource): Promise<Entitlements & { duplicates: string[] }> {
  const views: Entitlements & { duplicates: string[] } = {
    timeline: new Map(),
    activations: new Map(),
    feed: new Map(),
    events: 0,
    duplicates: [],
  };
  const timeline: { agency: string; event_id: string; copies: number }[] = await db.query(
    `SELECT agency, event_id::text AS event_id, count(*)::int AS copies FROM rm_timeline GROUP BY agency, event_id`,
  );
  for (const row of timeline) {
    add(views.timeline, row.agency, row.event_id);
    if (row.copies > 1) views.duplicates.push(`rm_timeline ${row.agency} ${row.event_id} ×${row.copies}`);
  }
  const feed: { agency: string; event_id: string; copies: number }[] = await db.query(
    `SELECT agency, event_id::text AS event_id, count(*)::int AS copies FROM rm_feed GROUP BY agency, event_id`,
  );
  for (const row of feed) {
    add(views.feed, row.agency, row.event_id);
    if (row.copies > 1) views.duplicates.push(`rm_feed ${row.agency} ${row.event_id} ×${row.copies}`);
  }
  const activations: { agency: string; activation_id: string; stream_version: number }[] = await db.query(
    `SELECT agency, activation_id, stream_version FROM rm_activations`,
  );
  for (const row of activations) {
    const list = views.activations.get(row.agency) ?? new Map<string, number>();
    list.set(row.activation_id, row.stream_version);
    views.activations.set(row.agency, list);
  }
  return views;
}

/** Sorted, comparable summaries, so a failing expectation shows which agency misses or has what. */
export function summarise(views: Pick<Entitlements, 'timeline' | 'activations' | 'feed'>) {
  const sets = (map: Map<string, Set<string>>) =>
    Object.fromEntries(
      [...map].sort(([a], [b]) => a.localeCompare(b)).map(([agency, ids]) => [agency, [...ids].sort()]),
    );
  return {
    timeline: sets(views.timeline),
    feed: sets(views.feed),
    activations: Object.fromEntries(
      [...views.activations]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([agency, list]) => [
          agency,
          Object.fromEntries([...list].sort(([a], [b]) => a.localeCompare(b))),
        ]),
    ),
  };
}

/**
 * Expects every agency's read models and feed to hold exactly what the agreements entitle it to, each
 * entry once. Returns the expectation's size, for the suites' log lines.
 */
export async function expectReadModelsAndFeedsComplete(
  db: DataSource,
  { minAgencies = 5 }: { minAgencies?: number } = {},
): Promise<{ events: number; rows: number }> {
  const [expected, actual] = await Promise.all([entitlements(db), actualViews(db)]);
  expect(actual.duplicates).toEqual([]);
  const want = summarise(expected);
  const have = summarise(actual);
  // Per agency, so a failure names the agency instead of dumping every id at once.
  for (const part of ['timeline', 'feed', 'activations'] as const) {
    const agencies = [...new Set([...Object.keys(want[part]), ...Object.keys(have[part])])].sort();
    for (const agency of agencies) {
      const none = part === 'activations' ? {} : [];
      expect({ part, agency, rows: have[part][agency] ?? none }).toEqual({
        part,
        agency,
        rows: want[part][agency] ?? none,
      });
    }
  }
  const rows = [...expected.timeline.values(), ...expected.feed.values()].reduce((n, ids) => n + ids.size, 0);
  expect(Object.keys(want.feed).length).toBeGreaterThanOrEqual(minAgencies);
  return { events: expected.events, rows };
}
