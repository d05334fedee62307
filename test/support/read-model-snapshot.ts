import { DataSource } from 'typeorm';

/** Everything the read models and feeds hold, in a stable order, to compare two ways of building them. */
export async function readModelSnapshot(db: DataSource) {
  return {
    activations: await db.query(
      `SELECT agency, activation_id, region, municipality, kind, trigger, themes, status, lead_agency, participants,
              integrated, outcome, location, employer, withheld, stream_version, opened_at, closed_at, updated_at
       FROM rm_activations ORDER BY agency, activation_id`,
    ),
    timeline: await db.query(
      `SELECT agency, activation_id, stream_version, event_id, event_type, occurred_at, acting_agency, payload, withheld
       FROM rm_timeline ORDER BY agency, activation_id, stream_version`,
    ),
    agreements: await db.query(`SELECT * FROM rm_agreements ORDER BY agreement_id`),
    feed: await db.query(
      `SELECT feed_seq, agency, event_id, activation_id, stream_version, event_type, payload, withheld, carried
       FROM rm_feed ORDER BY feed_seq`,
    ),
  };
}
