import { EntityManager } from 'typeorm';
import { ActivationEvent, DataCategory, isActivationEventType } from '#domain';
import { EventStore, redact, StoredEvent } from '#events';
import { ActivationFacts, entitledAgencies, evolveFacts } from '../activations/activation-facts.js';
import { loadFacts, saveFacts } from '../activations/activation-facts.store.js';
import { StreamHistory } from '../activations/stream-history.js';
import { AgreementGrants } from '../agreements/agreement-grants.js';
import { activationIdOf } from '../projector/read-model.projector.js';
import { FEED_CHANNEL } from './feed.subscription.js';

interface FeedRow {
  agency: string;
  event: StoredEvent;
  activationId: string;
  payload: unknown;
  withheld: DataCategory[];
  carried: DataCategory[];
}

/**
 * Appends every event to the feed of every agency entitled to it at that moment, redacted with the
 * agreements in force then, through the one redaction function. An agency that joins an activation gets
 * its history then; an agreement change applies from the next event on; nothing is ever taken back.
 * Runs in the feed subscription's transaction, which also notifies the api instances (LISTEN/NOTIFY).
 */
export class FeedProjector {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(events: readonly StoredEvent[], tx: EntityManager): Promise<void> {
    const grants = new AgreementGrants(tx, this.clock, 'feed_agreements');
    const ids = [...new Set(events.filter((e) => isActivationEventType(e.type)).map(activationIdOf))];
    const facts = await loadFacts(tx, 'feed_activation_facts', ids);
    const history = new StreamHistory(this.store, tx);
    const changed = new Map<string, ActivationFacts>();
    const rows: FeedRow[] = [];
    for (const event of events) {
      if (event.type.startsWith('agreement.')) {
        await grants.apply(event);
        continue;
      }
      if (!isActivationEventType(event.type)) continue;
      const activationId = activationIdOf(event);
      const before = facts.get(activationId);
      const after = evolveFacts(before, { type: event.type, data: event.data } as ActivationEvent, event);
      if (!after) continue;
      facts.set(activationId, after);
      changed.set(activationId, after);
      const was = new Set(before ? entitledAgencies(before) : []);
      for (const agency of entitledAgencies(after)) {
        const categories = await grants.categoriesFor(agency, after.region);
        const earlier = before && !was.has(agency) ? await history.before(event) : [];
        for (const item of [...earlier, event]) {
          const visible = redact({ type: item.type, data: item.data }, categories);
          if (visible) rows.push({ agency, event: item, activationId, ...visible, payload: visible.data });
        }
      }
      history.record(event);
    }
    await saveFacts(tx, 'feed_activation_facts', [...changed.values()]);
    await this.append(tx, rows);
  }

  private async append(tx: EntityManager, rows: FeedRow[]): Promise<void> {
    if (rows.length === 0) return;
    // ON CONFLICT: an agency that left and joined again gets only what it never had.
    await tx.query(
      `INSERT INTO rm_feed (agency, event_id, activation_id, stream_version, event_type, schema_version, occurred_at,
         acting_agency, payload, withheld, carried)
       SELECT f.agency, f.event_id, f.activation_id, f.stream_version, f.event_type, f.schema_version, f.occurred_at,
              f.acting_agency, f.payload, ARRAY(SELECT jsonb_array_elements_text(f.withheld)),
              ARRAY(SELECT jsonb_array_elements_text(f.carried))
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::smallint[], $7::timestamptz[],
                   $8::text[], $9::jsonb[], $10::jsonb[], $11::jsonb[])
            WITH ORDINALITY AS f(agency, event_id, activation_id, stream_version, event_type, schema_version,
                                 occurred_at, acting_agency, payload, withheld, carried, ord)
       ORDER BY f.ord
       ON CONFLICT ON CONSTRAINT rm_feed_once_per_agency DO NOTHING`,
      [
        rows.map((r) => r.agency),
        rows.map((r) => r.event.eventId),
        rows.map((r) => r.activationId),
        rows.map((r) => r.event.streamVersion),
        rows.map((r) => r.event.type),
        rows.map((r) => r.event.schemaVersion),
        rows.map((r) => r.event.occurredAt),
        rows.map((r) => r.event.metadata.actor.agency),
        rows.map((r) => JSON.stringify(r.payload)),
        rows.map((r) => JSON.stringify(r.withheld)),
        rows.map((r) => JSON.stringify(r.carried)),
      ],
    );
    const agencies = [...new Set(rows.map((r) => r.agency))];
    await tx.query(`SELECT pg_notify($1, $2)`, [FEED_CHANNEL, JSON.stringify({ agencies })]);
  }
}
