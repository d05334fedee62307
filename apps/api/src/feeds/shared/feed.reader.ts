import { EntityManager } from 'typeorm';
import {
  AgencyCode,
  AgreementInForceView,
  AgreementStatus,
  categoriesInForce,
  DataCategory,
  Instant,
  SafetyRegion,
} from '#domain';
import { redact } from '#events';
import { AGREEMENT_COLUMNS, AgreementRow } from '../../agreements/list-agreements/agreement-row.mapper.js';
import { Disclosure, disclosureOf } from '../../reads/access-log/sensitive-data.classifier.js';
import { SqlParams } from '../../reads/shared/sql-params.js';
import { FeedEntry } from './feed-entry.type.js';

interface FeedRow {
  /** feed_seq, a bigint: node-postgres hands it over as text. */
  seq: string;
  event_id: string;
  activation_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_at: Date;
  acting_agency: string;
  payload: unknown;
  withheld: string[];
}

/** Which rows to read: those after a feed position, optionally of one activation only. */
export interface FeedRange {
  readonly after: number;
  readonly limit: number;
  readonly activationId?: string;
}

export interface FeedItem {
  /** The row's feed_seq: its place in the agency's feed, stable for good. */
  readonly seq: number;
  readonly entry: FeedEntry;
  /** What of the access-logged categories the entry discloses, for LoggedReads. */
  readonly disclosure: Disclosure | undefined;
}

export interface FeedBatch {
  /** The entries the agency may see now, in feed order. */
  readonly items: FeedItem[];
  /** How many rows were read, shown or not: fewer than the limit means the feed holds no more for now. */
  readonly scanned: number;
  /** The position of the last row read, shown or not: the next batch starts after it. */
  readonly lastSeq: number | undefined;
}

/** An activation whose region the agency cannot tell: agreements limited to a region do not count for it. */
const UNKNOWN_REGION = '' as SafetyRegion;

/**
 * The one read of an agency's feed, for the feed query and both subscriptions: the rows of rm_feed after a
 * position, in feed order, through the caller's row-level-security transaction (keten_api, the agency and
 * role set), and each row redacted again, by the one redaction function, with the agency's categories in
 * force now. A row was redacted with the agreements of the moment it was fed; redacting it again can only
 * withhold more, so a revoked category stops at once, and a row whose primary category the agency no longer
 * holds is not shown at all (it is still read, so the position moves past it).
 */
export async function readFeed(db: EntityManager, agency: string, range: FeedRange): Promise<FeedBatch> {
  const params = new SqlParams();
  const conditions = [
    `agency = ${params.add(agency)}`,
    `feed_seq > ${params.add(range.after)}`,
    ...params.when(range.activationId, (p) => `activation_id = ${p}`),
  ];
  const rows: FeedRow[] = await db.query(
    `SELECT feed_seq::text AS seq, event_id, activation_id, stream_version, event_type, schema_version,
       occurred_at, acting_agency, payload, withheld
     FROM rm_feed WHERE ${conditions.join(' AND ')} ORDER BY feed_seq LIMIT ${params.add(range.limit)}`,
    params.values,
  );
  const granted = await grantsInForce(db, agency, rows);
  const items: FeedItem[] = [];
  for (const row of rows) {
    const visible = redact({ type: row.event_type, data: row.payload }, granted(row.activation_id));
    if (!visible) continue;
    items.push({
      seq: Number(row.seq),
      entry: {
        eventId: row.event_id,
        activationId: row.activation_id,
        streamVersion: row.stream_version,
        type: row.event_type,
        schemaVersion: row.schema_version,
        occurredAt: row.occurred_at,
        actingAgency: row.acting_agency,
        payload: visible.data,
        // What was withheld when the row was fed stays withheld, whatever the agreements say now.
        withheld: [...new Set([...(row.withheld as DataCategory[]), ...visible.withheld])].sort(),
        categories: visible.carried,
      },
      disclosure: disclosureOf(row.activation_id, row.event_type, visible.data),
    });
  }
  const last = rows.at(-1);
  return { items, scanned: rows.length, lastSeq: last && Number(last.seq) };
}

/** The position of the agency's newest feed row (0 for an empty feed): a subscription delivers what follows. */
export async function feedEnd(db: EntityManager, agency: string): Promise<number> {
  const [{ end }] = await db.query(
    `SELECT COALESCE(max(feed_seq), 0)::text AS end FROM rm_feed WHERE agency = $1`,
    [agency],
  );
  return Number(end);
}

/**
 * The categories the agency may see now of each activation of the rows (categoriesInForce over its
 * agreements in rm_agreements). A region-scoped agreement needs the activation's region: from the
 * agency's list row, else from activation.opened in its own feed; where neither tells it, only agreements
 * without a region scope count.
 */
async function grantsInForce(
  db: EntityManager,
  agency: string,
  rows: readonly FeedRow[],
): Promise<(activationId: string) => ReadonlySet<DataCategory>> {
  if (rows.length === 0) return () => new Set();
  const agreements = (
    (await db.query(`SELECT ${AGREEMENT_COLUMNS} FROM rm_agreements WHERE agency = $1`, [
      agency,
    ])) as AgreementRow[]
  ).map(toAgreementView);
  const now = new Date().toISOString() as Instant;
  const inForce = (region: SafetyRegion) => categoriesInForce(agreements, agency as AgencyCode, region, now);
  if (agreements.every((agreement) => agreement.regionScope === null)) {
    const everywhere = inForce(UNKNOWN_REGION);
    return () => everywhere;
  }
  const activationIds = [...new Set(rows.map((row) => row.activation_id))];
  const regions: { activation_id: string; region: string | null }[] = await db.query(
    `SELECT a.activation_id,
       COALESCE(
         (SELECT region FROM rm_activations WHERE agency = $1 AND activation_id = a.activation_id),
         (SELECT payload->>'region' FROM rm_feed
          WHERE agency = $1 AND activation_id = a.activation_id AND event_type = 'activation.opened' LIMIT 1)
       ) AS region
     FROM unnest($2::text[]) AS a(activation_id)`,
    [agency, activationIds],
  );
  const byActivation = new Map(
    regions.map((r) => [r.activation_id, inForce((r.region ?? UNKNOWN_REGION) as SafetyRegion)]),
  );
  return (activationId) => byActivation.get(activationId) ?? new Set();
}

function toAgreementView(row: AgreementRow): AgreementInForceView {
  return {
    agency: row.agency,
    categories: row.categories,
    status: row.status as AgreementStatus,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    regionScope: row.region_scope,
  };
}
