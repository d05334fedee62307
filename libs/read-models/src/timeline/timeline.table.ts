import { EntityManager } from 'typeorm';
import { DataCategory } from '#domain';
import { Correction } from './timeline-correction.js';

/**
 * rm_timeline: the joint timeline of each activation as each entitled agency may see it, one row per
 * agency and visible event, redacted by the projector. The api reads it as keten_api, under row-level
 * security for the reader's agency.
 */

/** What the projector writes. */
export interface TimelineEntry {
  agency: string;
  activationId: string;
  streamVersion: number;
  eventId: string;
  eventType: string;
  occurredAt: string;
  actingAgency: string;
  payload: unknown;
  withheld: DataCategory[];
}

/** A row as the api reads it. */
export interface TimelineRow {
  stream_version: number;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  acting_agency: string;
  payload: unknown;
  withheld: string[];
  /** When a later event last corrected this entry (AVG art. 16); null (or left out) when never. */
  corrected_at?: Date | null;
  /** When the entry was withdrawn as misfiled; null (or left out) when it stands. */
  withdrawn_at?: Date | null;
}

/** A correction of one agency's entry, as the projector decided it (see timeline-correction.ts). */
export interface TimelineCorrectionEntry {
  agency: string;
  activationId: string;
  correction: Correction;
  at: string;
}

export const timelineTable = {
  async add(tx: EntityManager, entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((t) => ({
      agency: t.agency,
      activation_id: t.activationId,
      stream_version: t.streamVersion,
      event_id: t.eventId,
      event_type: t.eventType,
      occurred_at: t.occurredAt,
      acting_agency: t.actingAgency,
      payload: t.payload,
      withheld: t.withheld,
    }));
    await tx.query(
      `INSERT INTO rm_timeline (agency, activation_id, stream_version, event_id, event_type, occurred_at,
         acting_agency, payload, withheld)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(agency text, activation_id text, stream_version int,
         event_id uuid, event_type text, occurred_at timestamptz, acting_agency text, payload jsonb, withheld text[])`,
      [JSON.stringify(rows)],
    );
  },

  /**
   * Applies corrections in order: the corrected entry shows the corrected values and is marked. An entry
   * the agency does not hold (it may not see it) stays absent; the correction is not applied to anything.
   */
  async correct(tx: EntityManager, corrections: readonly TimelineCorrectionEntry[]): Promise<void> {
    for (const { agency, activationId, correction, at } of corrections) {
      const { entry } = correction;
      const rows: { stream_version: number; payload: Record<string, unknown> }[] = await tx.query(
        `SELECT stream_version, payload FROM rm_timeline
         WHERE agency = $1 AND activation_id = $2 AND event_type = $3 AND ($4::text IS NULL OR payload->>$4 = $5)
         FOR UPDATE`,
        [
          agency,
          activationId,
          entry.eventType,
          'idField' in entry ? entry.idField : null,
          'id' in entry ? entry.id : null,
        ],
      );
      for (const row of rows) {
        await tx.query(
          `UPDATE rm_timeline SET payload = $4::jsonb,
             corrected_at = CASE WHEN $5 = 'corrected' THEN $6::timestamptz ELSE corrected_at END,
             withdrawn_at = CASE WHEN $5 = 'withdrawn' THEN $6::timestamptz ELSE withdrawn_at END
           WHERE agency = $1 AND activation_id = $2 AND stream_version = $3`,
          [
            agency,
            activationId,
            row.stream_version,
            JSON.stringify(correction.patch(row.payload)),
            correction.mark,
            at,
          ],
        );
      }
    }
  },

  /** The agencies whose timeline holds entries of the activation. */
  async agenciesHolding(tx: EntityManager, activationId: string): Promise<string[]> {
    const rows: { agency: string }[] = await tx.query(
      `SELECT DISTINCT agency FROM rm_timeline WHERE activation_id = $1`,
      [activationId],
    );
    return rows.map((row) => row.agency);
  },

  /** The agency's entries (of one activation); `keepOwn` keeps those of events its own agency caused. */
  async remove(tx: EntityManager, agency: string, activationId?: string, keepOwn = false): Promise<void> {
    await tx.query(
      `DELETE FROM rm_timeline WHERE agency = $1 AND ($2::text IS NULL OR activation_id = $2)
         AND NOT ($3 AND acting_agency = $1)`,
      [agency, activationId ?? null, keepOwn],
    );
  },

  /**
   * The agency's entries of an activation in the order things happened, after the entry `afterEventId`
   * (from the start without one); undefined when that entry is not in the agency's timeline (any more).
   */
  async page(
    db: EntityManager,
    agency: string,
    activationId: string,
    afterEventId: string | undefined,
    limit: number,
  ): Promise<TimelineRow[] | undefined> {
    if (afterEventId === undefined) {
      return db.query(
        `SELECT stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld,
                corrected_at, withdrawn_at
         FROM rm_timeline WHERE agency = $1 AND activation_id = $2 ORDER BY stream_version LIMIT $3`,
        [agency, activationId, limit],
      );
    }
    const [after]: { stream_version: number }[] = await db.query(
      `SELECT stream_version FROM rm_timeline WHERE agency = $1 AND activation_id = $2 AND event_id::text = $3`,
      [agency, activationId, afterEventId],
    );
    if (!after) return undefined;
    return db.query(
      `SELECT stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld,
                corrected_at, withdrawn_at
       FROM rm_timeline WHERE agency = $1 AND activation_id = $2 AND stream_version > $3
       ORDER BY stream_version LIMIT $4`,
      [agency, activationId, after.stream_version, limit],
    );
  },

  async exists(db: EntityManager, agency: string, activationId: string): Promise<boolean> {
    const [{ found }] = await db.query(
      `SELECT EXISTS (SELECT FROM rm_timeline WHERE agency = $1 AND activation_id = $2) AS found`,
      [agency, activationId],
    );
    return found;
  },

  /**
   * A data subject's access request: the agency's entries of every activation its own rows name the
   * person in (the BSN the read set, `ReadScope.subjectBsn`; access_request_activations(), migration
   * 1795400000265), by activation and in the order things happened. Row-level security lets a privacy
   * officer read these rows and no others; for any other reader, or without a BSN, there are none.
   */
  accessRequestEntries(
    db: EntityManager,
    agency: string,
  ): Promise<(TimelineRow & { activation_id: string })[]> {
    return db.query(
      `SELECT activation_id, stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld,
              corrected_at, withdrawn_at
       FROM rm_timeline WHERE agency = $1 AND activation_id IN (SELECT access_request_activations())
       ORDER BY activation_id, stream_version`,
      [agency],
    );
  },

  /**
   * The agency's entries of the given event types in the activations named, for the accountability
   * figures (counted after the read's activity narrowed them).
   */
  ofTypes(
    db: EntityManager,
    agency: string,
    activationIds: readonly string[],
    types: readonly string[],
  ): Promise<(TimelineRow & { activation_id: string })[]> {
    if (activationIds.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT activation_id, stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld
       FROM rm_timeline WHERE agency = $1 AND activation_id = ANY($2) AND event_type = ANY($3)
       ORDER BY activation_id, stream_version`,
      [agency, activationIds, types],
    );
  },
};
