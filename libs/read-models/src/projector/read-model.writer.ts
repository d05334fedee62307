import { EntityManager } from 'typeorm';
import { ActivationFacts } from '../activations/activation-facts.js';
import { saveFacts } from '../activations/activation-facts.store.js';
import { ActivationRow, TimelineRow } from './read-model.rows.js';

/**
 * Writes what the projector decided, batched: rows collect in memory and go to Postgres in a few
 * multi-row statements per batch. Deletions flush first, so the order of operations is kept.
 */
export class ReadModelWriter {
  private timeline: TimelineRow[] = [];
  private rows = new Map<string, ActivationRow>();
  private facts = new Map<string, ActivationFacts>();

  constructor(private readonly tx: EntityManager) {}

  addTimeline(row: TimelineRow): void {
    this.timeline.push(row);
  }

  /** Inserts the list row, or refreshes its case facts while keeping the location/employer set at opening. */
  putActivation(row: ActivationRow): void {
    const key = `${row.agency}\u0000${row.facts.activationId}`;
    const pending = this.rows.get(key);
    this.rows.set(key, pending ? { ...pending, facts: row.facts } : row);
  }

  putFacts(facts: ActivationFacts): void {
    this.facts.set(facts.activationId, facts);
  }

  async removeAgencyFromActivation(agency: string, activationId: string): Promise<void> {
    await this.flush();
    await this.tx.query(`DELETE FROM rm_timeline WHERE agency = $1 AND activation_id = $2`, [
      agency,
      activationId,
    ]);
    await this.tx.query(`DELETE FROM rm_activations WHERE agency = $1 AND activation_id = $2`, [
      agency,
      activationId,
    ]);
  }

  async removeAgency(agency: string): Promise<void> {
    await this.flush();
    await this.tx.query(`DELETE FROM rm_timeline WHERE agency = $1`, [agency]);
    await this.tx.query(`DELETE FROM rm_activations WHERE agency = $1`, [agency]);
  }

  async flush(): Promise<void> {
    await this.flushFacts();
    await this.flushActivations();
    await this.flushTimeline();
  }

  private async flushFacts(): Promise<void> {
    const all = [...this.facts.values()];
    this.facts.clear();
    await saveFacts(this.tx, 'rm_activation_facts', all);
  }

  private async flushActivations(): Promise<void> {
    if (this.rows.size === 0) return;
    const all = [...this.rows.values()];
    this.rows.clear();
    const col = <T>(pick: (row: ActivationRow) => T) => all.map(pick);
    await this.tx.query(
      `INSERT INTO rm_activations (agency, activation_id, region, municipality, kind, trigger, themes, status,
         lead_agency, participants, integrated, outcome, location, employer, withheld, stream_version,
         opened_at, closed_at, updated_at)
       SELECT a.agency, a.activation_id, a.region, a.municipality, a.kind, a.trigger,
              ARRAY(SELECT jsonb_array_elements_text(a.themes)), a.status, a.lead_agency,
              ARRAY(SELECT jsonb_array_elements_text(a.participants)), a.integrated, a.outcome, a.location,
              a.employer, ARRAY(SELECT jsonb_array_elements_text(a.withheld)), a.stream_version,
              a.opened_at, a.closed_at, a.updated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                   $8::text[], $9::text[], $10::jsonb[], $11::boolean[], $12::text[], $13::jsonb[], $14::jsonb[],
                   $15::jsonb[], $16::int[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[])
         AS a(agency, activation_id, region, municipality, kind, trigger, themes, status, lead_agency,
              participants, integrated, outcome, location, employer, withheld, stream_version,
              opened_at, closed_at, updated_at)
       ON CONFLICT (agency, activation_id) DO UPDATE SET
         kind = EXCLUDED.kind, status = EXCLUDED.status, participants = EXCLUDED.participants,
         integrated = EXCLUDED.integrated, outcome = EXCLUDED.outcome, stream_version = EXCLUDED.stream_version,
         closed_at = EXCLUDED.closed_at, updated_at = EXCLUDED.updated_at`,
      [
        col((r) => r.agency),
        col((r) => r.facts.activationId),
        col((r) => r.facts.region),
        col((r) => r.facts.municipality),
        col((r) => r.facts.kind),
        col((r) => r.facts.trigger),
        col((r) => JSON.stringify(r.facts.themes)),
        col((r) => r.facts.status),
        col((r) => r.facts.leadAgency),
        col((r) => JSON.stringify(r.facts.participants)),
        col((r) => r.facts.integrated),
        col((r) => r.facts.strongestMeasure),
        col((r) => (r.location === undefined ? null : JSON.stringify(r.location))),
        col((r) => (r.employer === undefined ? null : JSON.stringify(r.employer))),
        col((r) => JSON.stringify(r.withheld)),
        col((r) => r.facts.streamVersion),
        col((r) => r.facts.openedAt),
        col((r) => r.facts.closedAt),
        col((r) => r.facts.updatedAt),
      ],
    );
  }

  private async flushTimeline(): Promise<void> {
    if (this.timeline.length === 0) return;
    const all = this.timeline;
    this.timeline = [];
    await this.tx.query(
      `INSERT INTO rm_timeline (agency, activation_id, stream_version, event_id, event_type, occurred_at,
         acting_agency, payload, withheld)
       SELECT t.agency, t.activation_id, t.stream_version, t.event_id, t.event_type, t.occurred_at,
              t.acting_agency, t.payload, ARRAY(SELECT jsonb_array_elements_text(t.withheld))
       FROM unnest($1::text[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                   $8::jsonb[], $9::jsonb[])
         AS t(agency, activation_id, stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld)
`,
      [
        all.map((t) => t.agency),
        all.map((t) => t.activationId),
        all.map((t) => t.streamVersion),
        all.map((t) => t.eventId),
        all.map((t) => t.eventType),
        all.map((t) => t.occurredAt),
        all.map((t) => t.actingAgency),
        all.map((t) => JSON.stringify(t.payload)),
        all.map((t) => JSON.stringify(t.withheld)),
      ],
    );
  }
}
