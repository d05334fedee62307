import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivationEvent, DataCategory } from '#domain';
import { narrativePaths, redact, withNarrativeDefaults } from '#events';
import { startApi } from '../../support/api-app.js';
import { openTestDataSource } from '../../support/test-database.js';

/*
 * The read side is tested on read-model rows written straight into the tables through the owner
 * connection, as the projector would write them: timeline payloads go through the one redaction
 * function for the agency's grants. Each spec uses agencies of its own (municipality codes no other
 * suite uses), clears their rows first, and ids with a run id, because the access log is append-only.
 */

export const run = () => randomUUID().slice(0, 8);

export interface ReadsHarness {
  app: INestApplication;
  url: string;
  /** The owner connection: it bypasses row-level security, to seed rows and inspect the access log. */
  db: DataSource;
  close(): Promise<void>;
}

/** The api, and an owner connection with the given agencies' read models cleared (again when closing). */
export async function startReadsHarness(
  agencies: readonly string[],
  env: Record<string, string> = {},
): Promise<ReadsHarness> {
  const { app, url } = await startApi(env);
  const db = await openTestDataSource(2);
  await clearAgencies(db, agencies);
  return {
    app,
    url,
    db,
    async close() {
      await clearAgencies(db, agencies);
      await db.destroy();
      await app.close();
    },
  };
}

export interface ActivationSeed {
  agency: string;
  activationId: string;
  openedAt: string;
  region?: string;
  municipality?: string;
  kind?: string;
  trigger?: string;
  themes?: string[];
  status?: string;
  leadAgency?: string;
  participants?: string[];
  integrated?: boolean | null;
  outcome?: string | null;
  location?: unknown;
  employer?: unknown;
  withheld?: string[];
  /** How many events its stream holds (rm_activations.stream_version; the api shows it as a token). */
  streamVersion?: number;
  closedAt?: string | null;
}

export async function seedActivations(db: DataSource, seeds: readonly ActivationSeed[]): Promise<void> {
  for (const s of seeds) {
    await db.query(
      `INSERT INTO rm_activations (agency, activation_id, region, municipality, kind, trigger, themes, status,
         lead_agency, participants, integrated, outcome, location, employer, withheld, stream_version,
         opened_at, closed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17)`,
      [
        s.agency,
        s.activationId,
        s.region ?? 'VR17',
        s.municipality ?? 'GM0599',
        s.kind ?? 'PREVENTIVE',
        s.trigger ?? 'OWN_OBSERVATION',
        s.themes ?? ['HOUSING'],
        s.status ?? 'OPEN',
        s.leadAgency ?? 'NLA',
        s.participants ?? ['NLA'],
        s.integrated ?? null,
        s.outcome ?? null,
        s.location === undefined ? null : JSON.stringify(s.location),
        s.employer === undefined ? null : JSON.stringify(s.employer),
        s.withheld ?? [],
        s.streamVersion ?? 1,
        s.openedAt,
        s.closedAt ?? null,
      ],
    );
  }
}

/**
 * A seed as the write path stores it: a plain string in a free-text field becomes a narrative, and a
 * narrative its author declared nothing for gets the categories its event carries (withNarrativeDefaults).
 */
function asStored(seed: EventSeed): ActivationEvent {
  const data = { ...(seed.data as Record<string, unknown>) };
  for (const path of narrativePaths(seed.type as ActivationEvent['type'])) {
    if (typeof data[path] === 'string') data[path] = { text: data[path] };
  }
  return withNarrativeDefaults({ type: seed.type, data } as unknown as ActivationEvent);
}

export interface EventSeed {
  type: string;
  data: unknown;
  occurredAt: string;
  actingAgency?: string;
}

/**
 * The timeline of one activation as `agency` holding `grants` sees it: events it may not see are left
 * out (a gap in stream versions), the rest redacted. Returns the stream versions written.
 */
export async function seedTimeline(
  db: DataSource,
  agency: string,
  activationId: string,
  grants: readonly DataCategory[],
  events: readonly EventSeed[],
): Promise<number[]> {
  const written: number[] = [];
  for (const [index, event] of events.entries()) {
    const visible = redact(asStored(event), new Set(grants));
    if (!visible) continue;
    await db.query(
      `INSERT INTO rm_timeline (agency, activation_id, stream_version, event_id, event_type, occurred_at,
         acting_agency, payload, withheld)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        agency,
        activationId,
        index + 1,
        randomUUID(),
        event.type,
        event.occurredAt,
        event.actingAgency ?? 'NLA',
        JSON.stringify(visible.data),
        visible.withheld,
      ],
    );
    written.push(index + 1);
  }
  return written;
}

export interface AgreementSeed {
  agreementId: string;
  agency: string;
  categories: string[];
  validFrom: string;
  validUntil?: string | null;
  regionScope?: string | null;
  status?: string;
}

export async function seedAgreements(db: DataSource, seeds: readonly AgreementSeed[]): Promise<void> {
  for (const s of seeds) {
    await db.query(
      `INSERT INTO rm_agreements (agreement_id, agency, categories, purpose, legal_basis, legal_reference,
         valid_from, valid_until, region_scope, granted_by, status, stream_version, updated_at)
       VALUES ($1, $2, $3, 'Joint supervision of labour migrant housing', 'Convenant LOT-C', 'Stcrt. 2020, 123',
               $4, $5, $6, 'policy-1', $7, 1, now())`,
      [
        s.agreementId,
        s.agency,
        s.categories,
        s.validFrom,
        s.validUntil ?? null,
        s.regionScope ?? null,
        s.status ?? 'GRANTED',
      ],
    );
  }
}

/** Removes what earlier runs left for these agencies (not the access log: nothing can delete from it). */
export async function clearAgencies(db: DataSource, agencies: readonly string[]): Promise<void> {
  for (const table of ['rm_timeline', 'rm_activations', 'rm_agreements']) {
    await db.query(`DELETE FROM ${table} WHERE agency = ANY($1)`, [agencies]);
  }
}

export interface HttpGraphqlResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** A GraphQL call that may send extra headers (traceparent, x-purpose) and returns the response headers. */
export async function query<T = Record<string, unknown>>(
  url: string,
  token: string,
  document: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<HttpGraphqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

/** The error code of the first error, for asserting refusals in one line. */
export const codeOf = (response: HttpGraphqlResponse<unknown>) => response.errors?.[0]?.extensions?.code;
