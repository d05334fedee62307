import { execFileSync } from 'node:child_process';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTIVATION_EVENT_TYPES, DataCategory } from '#domain';
import {
  catalogueEntry,
  CommandExecutor,
  configuredEventStore,
  configuredLegacySealing,
  ERASED,
  EventStore,
  GapSafeSubscription,
  LEGACY_SEALING_CHECKPOINT,
  type LegacySealingProgress,
  narrativePaths,
  personalDataVault,
} from '#events';
import { loadConfig } from '#platform';
import {
  AGENCY_FEEDS,
  ERASURE_REQUESTS,
  FeedProjector,
  PROJECTIONS,
  READ_MODELS,
  ReadModelProjector,
  rebuildReadModels,
  upgradeProjections,
} from '#read-models';
import { AgreementClockService } from '../../../apps/worker/src/agreements/agreement-clock.service.js';
import { startApi } from '../../support/api-app.js';
import { catchUp } from '../../support/catch-up.js';
import { graphql } from '../../support/graphql-client.js';
import { PreviousReleaseDatabase } from '../../support/previous-release.js';
import { readModelSnapshot } from '../../support/read-model-snapshot.js';
import { tokenFor } from '../../support/test-tokens.js';

const { PERSONAL } = DataCategory;

/**
 * Deploying this release onto a database the previous release wrote (release 700359e: the demo and
 * commands reaching every event type and every free-text field) keeps it working: the migrations apply,
 * nothing already delivered changes, and the rules of this release apply to what the old release stored.
 * Its free text was plain text shown under the category of its field; nobody can tell any more what was
 * typed into it, so it now counts as naming a person (PERSONAL) besides whatever its event carries.
 */
/** What agencies were shown and delivered (the agreements table gains a column, so it is left out). */
const shown = async (db: DataSource) => {
  const { activations, timeline, feed } = await readModelSnapshot(db);
  return { activations, timeline, feed };
};

/** What releases after 700359e added, which its database cannot hold (issue 15). */
const ADDED_LATER = {
  types: [
    'lead.transferred',
    'closing.proposed',
    'activation.numbered',
    'invitation.declined',
    'document.attached',
    'subject.corrected',
    'finding.corrected',
    'entry.withdrawn',
    'location.corrected',
    'employer.corrected',
    'region.corrected',
  ],
  narratives: ['activation.opened/title', 'agency.invited/reason'],
};

/**
 * Personal values the old release stored in the clear (the fixture's persons, their BSN and birth dates, a
 * reporter's name, free text about them), each of which must be sealed once the upgraded worker started.
 */
const PLANTED = [
  '111222333',
  'Kowalski',
  'Popescu',
  'Piotr Nowak',
  'Marek Nowak',
  'Jan de Vries',
  '1990-04-01',
  '1995-09-12',
  'Buurtbewoner Havenstraat',
  'Huisarts Utrecht-West',
  'Paspoorten ingehouden',
  'koortsklachten',
  'Positieve PCR',
];

/** Agencies of the demo agreements without PERSONAL: no free text may reach them. */
const WITHOUT_PERSONAL = ['VR17', 'VR09', 'BD'];

/** The narratives of a payload, by path: their value as stored or shown (a narrative, null, or plain text). */
function narrativesOf(type: string, payload: Record<string, unknown>): [string, unknown][] {
  return narrativePaths(type as never)
    .filter((path) => path in payload && !ADDED_LATER.narratives.includes(`${type}/${path}`))
    .map((path) => [path, payload[path]]);
}

describe('upgrading a database written by release 700359e', () => {
  const database = new PreviousReleaseDatabase('700359e');
  let db: DataSource;
  let store: EventStore;
  let before: Awaited<ReturnType<typeof shown>>;

  beforeAll(async () => {
    db = await database.restore();
    before = await shown(db);
    // As every process reads them: personal values opened, so they read alike before and after the sealing.
    store = configuredEventStore(db, loadConfig(database.env));
  }, 120_000);
  afterAll(() => database.drop());

  it('holds plain text in every free-text field of every event type, as the old release wrote it', async () => {
    for (const type of ACTIVATION_EVENT_TYPES.filter((t) => !ADDED_LATER.types.includes(t))) {
      for (const path of narrativePaths(type).filter(
        (p) => !ADDED_LATER.narratives.includes(`${type}/${p}`),
      )) {
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM events WHERE type = $1 AND jsonb_typeof(data->$2) = 'string'`,
          [type, path],
        );
        expect({ type, path, stored: n > 0 }).toEqual({ type, path, stored: true });
      }
    }
    // And the old release showed some of it to agencies without PERSONAL.
    const exposed = before.timeline.filter(
      (row: { agency: string; event_type: string; payload: Record<string, unknown> }) =>
        WITHOUT_PERSONAL.includes(row.agency) &&
        narrativesOf(row.event_type, row.payload).some(([, value]) => typeof value === 'string'),
    );
    expect(exposed.length).toBeGreaterThan(0);
  });

  it('applies this release’s migrations and keeps what was delivered', async () => {
    const applied = await database.upgrade();
    expect(applied).toEqual([
      'FeedRegionAndRecordedAt1795400000010',
      'ProjectionVersions1795400000011',
      'AgreementTookEffect1795400000012',
      'FeedAgencySequence1795400000120',
      'AccessLogOwnAgency1795400000121',
      'FeedAgreementsReadable1795400000122',
      'AgreementParties1795400000130',
      'AccessLogLdv1795400000133',
      'RelayClustersAndDeadLetters1795400000140',
      'CaseNumbers1795400000150',
      'Inbox1795400000151',
      'Attachments1795400000160',
      'ActivationActors1795400000165',
      'Search1795400000170',
      'Corrections1795400000180',
      'NationalFigures1795400000190',
      'SubjectKeys1795400000200',
      'SubjectActivations1795400000203',
      'RetentionActions1795400000250',
      'LegacySealing1795400000260',
      'AccessRequestScope1795400000265',
      'DestroyedAttachments1795400000266',
      'FeedErasureRewrite1795400000270',
      'ErasureRequests1795400000280',
      'ErasureRequestsOwnAgency1795400000281',
    ]);
    // The key tables start empty: no key exists before a value is sealed under it.
    const [{ keys, erased }]: { keys: number; erased: number }[] = await db.query(
      `SELECT (SELECT count(*) FROM subject_keys)::int AS keys, (SELECT count(*) FROM erased_subject_keys)::int AS erased`,
    );
    expect({ keys, erased }).toEqual({ keys: 0, erased: 0 });
    // The retention job has done nothing yet: its table starts empty.
    expect(await db.query(`SELECT count(*)::int AS n FROM retention_actions`)).toEqual([{ n: 0 }]);
    // No erasure was requested before this release: the privacy officers' list starts empty.
    expect(await db.query(`SELECT count(*)::int AS n FROM erasure_requests`)).toEqual([{ n: 0 }]);
    // The national team's figures policies are in place on the tables it reads figures from.
    const policies: { tablename: string }[] = await db.query(
      `SELECT tablename FROM pg_policies WHERE policyname LIKE '%_national_figures' ORDER BY tablename`,
    );
    expect(policies.map((p) => p.tablename)).toEqual(['rm_activations', 'rm_timeline']);
    // The attachment store starts empty, under row-level security like the read models.
    const attachmentTables: { relname: string; relrowsecurity: boolean }[] = await db.query(
      `SELECT relname, relrowsecurity FROM pg_class
       WHERE relname IN ('attachments', 'attachment_chunks') ORDER BY relname`,
    );
    expect(attachmentTables).toEqual([
      { relname: 'attachment_chunks', relrowsecurity: true },
      { relname: 'attachments', relrowsecurity: true },
    ]);
    const [{ stored }] = await db.query(`SELECT count(*)::int AS stored FROM attachments`);
    expect(stored).toBe(0);
    // A document destroyed with its activation stays readable as a record to whom it was readable.
    const [{ qual }]: { qual: string }[] = await db.query(
      `SELECT qual FROM pg_policies WHERE tablename = 'attachments' AND policyname = 'attachments_entitled'`,
    );
    expect(qual).toContain('DESTROYED');
    const after = await shown(db);
    expect(after).toEqual(before);
    // Nothing of the old release was ever corrected: the marks of corrections are there, and empty.
    const [{ marked }] = await db.query(
      `SELECT (SELECT count(*) FROM rm_timeline WHERE corrected_at IS NOT NULL OR withdrawn_at IS NOT NULL)
            + (SELECT count(*) FROM rm_activations WHERE corrected_at IS NOT NULL) AS marked`,
    );
    expect(Number(marked)).toBe(0);
    // Every old activation has a case number now, given by an event appended to its stream: one each,
    // unique, numbered per region and year in the order they were opened.
    const numbered: { activation_id: string; case_number: string; region: string }[] = await db.query(
      `SELECT o.data->>'activationId' AS activation_id, n.data->>'caseNumber' AS case_number,
              o.data->>'region' AS region
       FROM events o JOIN events n ON n.stream_id = o.stream_id AND n.type = 'activation.numbered'
       WHERE o.type = 'activation.opened' ORDER BY o.position`,
    );
    const [{ opened }] = await db.query(
      `SELECT count(*)::int AS opened FROM events WHERE type = 'activation.opened'`,
    );
    expect(numbered.length).toBe(opened);
    expect(opened).toBeGreaterThan(0);
    expect(new Set(numbered.map((n) => n.case_number)).size).toBe(opened);
    for (const n of numbered) expect(n.case_number).toMatch(new RegExp(`^${n.region}-\\d{4}-\\d{4}$`));
    const [{ registered }] = await db.query(`SELECT count(*)::int AS registered FROM case_numbers`);
    expect(registered).toBe(opened);
    // Feed rows carry their activation's region now, the old ones included, and a place in their
    // agency's own feed: 1, 2, 3, … per agency, in the order they were fed.
    const [{ missing }] = await db.query(
      `SELECT count(*)::int AS missing FROM rm_feed WHERE region IS NULL OR recorded_at IS NULL`,
    );
    expect(missing).toBe(0);
    const [{ misnumbered }] = await db.query(
      `SELECT count(*)::int AS misnumbered FROM (
         SELECT agency_seq, row_number() OVER (PARTITION BY agency ORDER BY feed_seq) AS expected FROM rm_feed
       ) n WHERE agency_seq <> expected`,
    );
    expect(misnumbered).toBe(0);
    expect(before.feed.length).toBeGreaterThan(100);
  });

  it('seals what the old release stored in the clear, as the worker does at start: in batches, resumable, once', async () => {
    const config = loadConfig(database.env);
    const sealing = configuredLegacySealing(db, config);
    const streams = (
      (await db.query(`SELECT DISTINCT stream_id FROM events ORDER BY 1`)) as { stream_id: string }[]
    ).map((row) => row.stream_id);
    const readAll = () => Promise.all(streams.map((stream) => store.readStream(stream)));
    const asRead = await readAll();
    const plain = async () =>
      ((await db.query(`SELECT data::text AS text FROM events`)) as { text: string }[]).filter((row) =>
        PLANTED.some((value) => row.text.includes(value)),
      ).length;
    expect(await plain()).toBeGreaterThan(0);

    // Stopped after its first batch (a worker shut down while sealing): some sealed, the rest still plain.
    const stop = new AbortController();
    const progress: LegacySealingProgress[] = [];
    const first = await sealing.run({
      batchSize: 20,
      signal: stop.signal,
      onProgress: (p) => {
        progress.push(p);
        stop.abort();
      },
    });
    const [{ events }]: { events: number }[] = await db.query(`SELECT count(*)::int AS events FROM events`);
    expect(progress).toEqual([{ examined: 20, total: events, sealed: first.sealed }]);
    expect(first).toMatchObject({ examined: 20, complete: false });
    expect(first.sealed).toBeGreaterThan(0);
    expect(await plain()).toBeGreaterThan(0);

    // Run again, it resumes and finishes: nothing planted left in the clear, every stream reads as before.
    const second = await sealing.run({ batchSize: 20 });
    expect(second.complete).toBe(true);
    expect(await plain()).toBe(0);
    const [{ sealedRows }]: { sealedRows: number }[] = await db.query(
      `SELECT count(*)::int AS "sealedRows" FROM events WHERE jsonb_path_exists(data, 'strict $.**."$sealed"')`,
    );
    expect(first.sealed + second.sealed).toBe(sealedRows);
    expect(await readAll()).toEqual(asRead);
    // Written back at the current schema version of its type, read as before (the upcasters ran once).
    const stale: { type: string; schema_version: number }[] = await db.query(
      `SELECT type, schema_version FROM events WHERE jsonb_path_exists(data, 'strict $.**."$sealed"')`,
    );
    for (const row of stale) expect(row.schema_version).toBe(catalogueEntry(row.type as never).schemaVersion);

    // The subjects are filed as an append files them, so an erasure by BSN now finds the case.
    const vault = personalDataVault(db, config);
    expect(await vault.subjectKeys.activationsOf(vault.pseudonyms.ofBsn('111222333'))).toEqual([
      'demo-vr17-kas',
    ]);
    const [{ filed }]: { filed: number }[] = await db.query(
      `SELECT count(DISTINCT activation_id)::int AS filed FROM subject_activations`,
    );
    const [{ activations }]: { activations: number }[] = await db.query(
      `SELECT count(DISTINCT stream_id)::int AS activations FROM events
       WHERE stream_id LIKE 'activation-%' AND jsonb_path_exists(data, 'strict $.**."$sealed"')`,
    );
    expect(filed).toBe(activations);
    expect(activations).toBe(3);

    // A third run changes nothing: not a byte of any event, nor the keys.
    const snapshot = async () => ({
      events: await db.query(
        `SELECT position, schema_version, data::text AS data FROM events ORDER BY position`,
      ),
      keys: await db.query(`SELECT key_id FROM subject_keys ORDER BY key_id`),
      filed: await db.query(`SELECT subject_ref, activation_id FROM subject_activations ORDER BY 1, 2`),
    });
    const after = await snapshot();
    expect((await sealing.run({ batchSize: 7 })).sealed).toBe(0);
    expect(await snapshot()).toEqual(after);
    const [checkpoint] = await db.query(
      `SELECT position::int AS position FROM subscription_checkpoints WHERE subscription = $1`,
      [LEGACY_SEALING_CHECKPOINT],
    );
    expect(checkpoint.position).toBeGreaterThan(0);
  });

  it('starts the worker on it: read models rebuilt by this release’s rules, the feeds kept, nothing re-fed', async () => {
    const upgrades = await upgradeProjections(db, PROJECTIONS);
    expect(upgrades.map((u) => [u.name, u.from, u.to, u.action])).toEqual([
      [READ_MODELS.name, 1, READ_MODELS.version, 'rebuilding'],
      [AGENCY_FEEDS.name, 1, AGENCY_FEEDS.version, 'recorded'],
      // New in this release: it starts at its own version, from the first event (the old release has no
      // erasure requests to project).
      [ERASURE_REQUESTS.name, undefined, ERASURE_REQUESTS.version, 'recorded'],
    ]);
    const options = { batchSize: 500, pollIntervalMs: 1000, databaseUrl: database.url };
    await catchUp(new GapSafeSubscription(db, store, { name: READ_MODELS.name, ...options }), (events, tx) =>
      new ReadModelProjector(store).handle(events, tx),
    );
    await catchUp(new GapSafeSubscription(db, store, { name: AGENCY_FEEDS.name, ...options }), (events, tx) =>
      new FeedProjector(store).handle(events, tx),
    );
    await new AgreementClockService(db, new CommandExecutor(store), store, loadConfig(database.env)).tick();
    const [{ pending }] = await db.query(
      `SELECT count(*)::int AS pending FROM rm_agreements
       WHERE status = 'GRANTED' AND valid_from <= now() AND took_effect_at IS NULL`,
    );
    expect(pending).toBe(0);
    // The rebuilt list rows know who of their own agency acted ("my cases"), and name no one else's staff.
    const [{ withActors, foreign }] = await db.query(
      `SELECT count(*) FILTER (WHERE cardinality(actors) > 0)::int AS "withActors",
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM events e
                WHERE e.stream_id = 'activation-' || a.activation_id
                  AND e.metadata->'actor'->>'userId' = ANY(a.actors)
                  AND e.metadata->'actor'->>'agency' <> a.agency))::int AS foreign
       FROM rm_activations a`,
    );
    expect(withActors).toBeGreaterThan(0);
    expect(foreign).toBe(0);
    // What was fed stays as it was; the case numbers the upgrade gave are new events, fed once each.
    const fed = (await shown(db)).feed as { event_type: string }[];
    expect(fed.filter((row) => row.event_type !== 'activation.numbered')).toEqual(before.feed);
    expect(fed.some((row) => row.event_type === 'activation.numbered')).toBe(true);
  });

  it('leaves no personal value of the old release in the events table as text, nor in a dump of it', async () => {
    const stored: { text: string }[] = await db.query(
      `SELECT data::text AS text FROM events ORDER BY position`,
    );
    const dump = execFileSync('pg_dump', ['--data-only', '--table=events', database.url], {
      encoding: 'utf8',
    });
    for (const value of PLANTED) {
      const rows = stored.filter((row) => row.text.includes(value)).length;
      expect({ value, rows, inDump: dump.includes(value) }).toEqual({ value, rows: 0, inDump: false });
    }
  });

  it('shows every old activation with its case number and a title made of its id', async () => {
    const rows: { activation_id: string; case_number: string | null; title: { text: string } | null }[] =
      await db.query(`SELECT activation_id, case_number, title FROM rm_activations`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.case_number).toMatch(/^VR\d{2}-\d{4}-\d{4}$/);
      expect(row.title).toEqual({ text: `Activatie ${row.activation_id}`, categories: ['CASE'] });
    }
  });

  it('finds the old activations by search, each agency within what it may see of them', async () => {
    const rows: {
      agency: string;
      activation_id: string;
      case_number: string;
      employer: { name?: string } | null;
    }[] = await db.query(
      `SELECT agency, activation_id, case_number, employer FROM rm_activations
         WHERE agency IN ('NLA', 'BD') ORDER BY agency, activation_id`,
    );
    const nla = rows.find((row) => row.agency === 'NLA' && typeof row.employer?.name === 'string');
    expect(nla).toBeDefined();
    // Old narratives count as naming a person now: a word NLA may read there, BD (no PERSONAL) cannot find.
    const [narrative]: { word: string; activation_id: string }[] = await db.query(
      `SELECT w.word, t.activation_id
       FROM rm_timeline t JOIN rm_activations a USING (agency, activation_id),
            jsonb_path_query(t.payload, 'strict $.**.text', '{}', true) x(text),
            regexp_split_to_table(x.text #>> '{}', '[^[:alpha:]]+') w(word)
       WHERE t.agency = 'NLA' AND length(w.word) > 5
         AND NOT EXISTS (SELECT FROM rm_timeline b
                         WHERE b.agency = 'BD' AND b.search_document @@ websearch_to_tsquery('dutch', w.word))
         AND NOT EXISTS (SELECT FROM rm_activations b
                         WHERE b.agency = 'BD' AND b.search_document @@ websearch_to_tsquery('dutch', w.word))
       ORDER BY t.activation_id, w.word LIMIT 1`,
    );
    expect(narrative).toBeDefined();
    let api: INestApplication | undefined;
    try {
      let url: string;
      ({ app: api, url } = await startApi(database.env));
      const search = async (agency: string, query: string) => {
        const token = await tokenFor({ userId: `insp@${agency}`, agency, role: 'INSPECTOR' });
        const response = await graphql<{
          searchActivations: { edges: { node: { activation: { id: string } } }[] };
        }>(
          url,
          'query ($q: String!) { searchActivations(query: $q, first: 100) { edges { node { activation { id } } } } }',
          { q: query },
          token,
        );
        expect(response.errors).toBeUndefined();
        return response.data!.searchActivations.edges.map((edge) => edge.node.activation.id);
      };
      expect(await search('NLA', nla!.case_number.toLowerCase())).toEqual([nla!.activation_id]);
      expect(await search('NLA', nla!.employer!.name!)).toContain(nla!.activation_id);
      expect(await search('NLA', narrative.word)).toContain(narrative.activation_id);
      expect(await search('BD', narrative.word)).toEqual([]);
    } finally {
      await api?.close();
    }
  });

  it('shows no old free text to an agency without PERSONAL, and the rest only as classified text', async () => {
    const { timeline } = await shown(db);
    expect(timeline.length).toBeGreaterThan(0);
    let shownText = 0;
    for (const row of timeline as {
      agency: string;
      acting_agency: string;
      event_type: string;
      payload: Record<string, unknown>;
    }[]) {
      for (const [path, value] of narrativesOf(row.event_type, row.payload)) {
        const where = { agency: row.agency, type: row.event_type, path };
        // What an agency wrote itself it reads whole (issue 15), as a narrative of its classification.
        const own = row.agency === row.acting_agency;
        if (WITHOUT_PERSONAL.includes(row.agency) && !own) {
          expect({ ...where, value }).toEqual({ ...where, value: null });
        } else if (value !== null) {
          expect({ ...where, value }).toEqual({
            ...where,
            value: { text: expect.any(String), categories: expect.arrayContaining([PERSONAL]) },
          });
          shownText++;
        }
      }
    }
    // Not everything was withheld: agencies holding PERSONAL still read the old texts.
    expect(shownText).toBeGreaterThan(0);
  });

  it('redacts the old feed entries again when they are read, by the same rules', async () => {
    let api: INestApplication | undefined;
    try {
      let url: string;
      ({ app: api, url } = await startApi(database.env));
      const read = async (agency: string, role: string, region?: string) => {
        const token = await tokenFor({ userId: `${role.toLowerCase()}@${agency}`, agency, role, region });
        const response = await graphql<{
          feed: {
            edges: { node: { type: string; schemaVersion: number; payload: Record<string, unknown> } }[];
          };
        }>(url, '{ feed(first: 500) { edges { node { type schemaVersion payload } } } }', {}, token);
        expect(response.errors).toBeUndefined();
        return response.data!.feed.edges.map((edge) => edge.node);
      };
      const coordinator = await read('VR17', 'COORDINATOR', 'VR17');
      expect(coordinator.length).toBeGreaterThan(0);
      for (const entry of coordinator) {
        for (const [path, value] of narrativesOf(entry.type, entry.payload)) {
          expect({ type: entry.type, path, value }).toEqual({ type: entry.type, path, value: null });
        }
      }
      const inspector = await read('NLA', 'INSPECTOR');
      const texts = inspector.flatMap((entry) => narrativesOf(entry.type, entry.payload).map(([, v]) => v));
      expect(texts.filter((value) => value !== null).length).toBeGreaterThan(0);
      for (const value of texts.filter((v) => v !== null)) {
        expect(value).toEqual({ text: expect.any(String), categories: expect.arrayContaining([PERSONAL]) });
      }
      // Read as this release reads them: at the current schema of their type.
      for (const entry of inspector) {
        expect(entry.schemaVersion).toBe(catalogueEntry(entry.type as never).schemaVersion);
      }
    } finally {
      await api?.close();
    }
  });

  it('keeps the old agreements approved and in force, serving the default activity (case coordination)', async () => {
    const rows: {
      agreement_id: string;
      status: string;
      activities: string[];
      approver_agency: string | null;
    }[] = await db.query(
      `SELECT agreement_id, status, activities, approver_agency FROM rm_agreements ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      // What the old release recorded stays as it was (one fixture agreement was revoked then).
      expect(row).toEqual({
        agreement_id: row.agreement_id,
        status: row.agreement_id === 'fixture-pol' ? 'REVOKED' : 'GRANTED',
        activities: ['case-coordination'],
        approver_agency: null,
      });
    }
    let api: INestApplication | undefined;
    try {
      let url: string;
      ({ app: api, url } = await startApi(database.env));
      const inspector = await tokenFor({ userId: 'insp@nla', agency: 'NLA', role: 'INSPECTOR' });
      const me = await graphql<{
        me: { agreementsInForce: { agreementId: string; activities: string[] }[] };
      }>(url, '{ me { agreementsInForce { agreementId activities } } }', {}, inspector);
      expect(me.data?.me.agreementsInForce).toEqual([
        { agreementId: 'demo-nla', activities: ['case-coordination'] },
      ]);
      // The recipient's policy admin is its one party: it reads the history, written by the old release.
      const admin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
      const read = await graphql<{ agreement: Record<string, unknown> }>(
        url,
        '{ agreement(id: "demo-nla") { status activities approverAgency history { type by agency } } }',
        {},
        admin,
      );
      expect(read.data?.agreement).toEqual({
        status: 'GRANTED',
        activities: ['case-coordination'],
        approverAgency: null,
        history: [{ type: 'agreement.granted', by: 'beleid@nla', agency: 'NLA' }],
      });
      // Under the new rules the NLA admin no longer decides on another agency's old agreement, and an old
      // agreement is changed by a new proposal, which a second organisation approves.
      const others = await graphql(
        url,
        'mutation { revokeAgreement(input: { agreementId: "demo-uwv", reason: "Probe" }) { eventIds } }',
        {},
        admin,
      );
      expect(others.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      const amend = await graphql(
        url,
        'mutation { amendAgreement(input: { agreementId: "demo-nla", purpose: "Anders", reason: "Probe" }) { eventIds } }',
        {},
        admin,
      );
      expect(amend.errors?.[0].extensions).toMatchObject({ code: 'DOMAIN_RULE', reason: 'NO_OTHER_PARTY' });
    } finally {
      await api?.close();
    }
  });

  it("shows each privacy officer the old release's reads of their own agency only", async () => {
    const logged: { agency: string; lines: number }[] = await db.query(
      `SELECT agency, count(*)::int AS lines FROM access_log GROUP BY agency ORDER BY agency`,
    );
    // The old release logged reads of NLA and UWV (and showed each privacy officer both); the reads above
    // added more.
    expect(logged.map((row) => row.agency)).toEqual(expect.arrayContaining(['NLA', 'UWV']));
    let api: INestApplication | undefined;
    try {
      let url: string;
      ({ app: api, url } = await startApi(database.env));
      for (const { agency, lines } of logged) {
        const token = await tokenFor({ userId: `fg@${agency}`, agency, role: 'PRIVACY_OFFICER' });
        const response = await graphql<{ accessLog: { edges: { node: { agency: string } }[] } }>(
          url,
          '{ accessLog(first: 100) { edges { node { agency } } } }',
          {},
          token,
        );
        expect(response.errors).toBeUndefined();
        expect(response.data!.accessLog.edges.map((edge) => edge.node.agency)).toEqual(
          Array(lines).fill(agency),
        );
      }
    } finally {
      await api?.close();
    }
  });

  it("answers the old release's lines under the new searches: by subject id within their case, by activity", async () => {
    // Lines the old release wrote have no audit record: their user is on the line, their pseudonym the
    // keyed hash of the subject id alone.
    const old: { activation_id: string; agency: string; user_id: string; purpose: string }[] = await db.query(
      `SELECT activation_id, agency, user_id, purpose FROM access_log
       WHERE audit_id IS NULL AND subject_ref <> 'unnamed' ORDER BY id LIMIT 1`,
    );
    expect(old).toHaveLength(1);
    const [line] = old;
    // Subject ids are sealed in the events now: read them as the store does.
    const subjectIds = [
      ...new Set(
        (await store.readStream(`activation-${line.activation_id}`)).flatMap((event) =>
          ((event.data as { subjects?: { subjectId: string }[] }).subjects ?? []).map((s) => s.subjectId),
        ),
      ),
    ].map((subjectId) => ({ subject_id: subjectId }));
    expect(subjectIds.length).toBeGreaterThan(0);
    let api: INestApplication | undefined;
    try {
      let url: string;
      ({ app: api, url } = await startApi(database.env));
      const token = await tokenFor({
        userId: `fg@${line.agency}`,
        agency: line.agency,
        role: 'PRIVACY_OFFICER',
      });
      type Lines = {
        accessLog: {
          edges: {
            node: {
              subjectType: string;
              activityUri: string;
              userId: string;
              spanId: string | null;
              auditId: string | null;
            };
          }[];
        };
      };
      const found: Lines['accessLog']['edges'][number]['node'][] = [];
      for (const { subject_id: subjectId } of subjectIds) {
        const response = await graphql<Lines>(
          url,
          `
            query ($filter: AccessLogFilter) {
              accessLog(filter: $filter, first: 100) {
                edges {
                  node {
                    subjectType
                    activityUri
                    userId
                    spanId
                    auditId
                  }
                }
              }
            }
          `,
          { filter: { subjectId, activationId: line.activation_id } },
          token,
        );
        expect(response.errors).toBeUndefined();
        found.push(
          ...response.data!.accessLog.edges.map((edge) => edge.node).filter((node) => node.auditId === null),
        );
      }
      expect(found.length).toBeGreaterThan(0);
      const activity = line.purpose.toLowerCase().replace(/_/g, '-');
      expect(found).toContainEqual({
        subjectType: 'SUBJECT_ID',
        activityUri: `urn:keten:processing-activity:${activity}:1`,
        userId: line.user_id,
        spanId: null,
        auditId: null,
      });
      const byActivity = await graphql<Lines>(
        url,
        `
          query ($filter: AccessLogFilter) {
            accessLog(filter: $filter, first: 100) {
              edges {
                node {
                  auditId
                }
              }
            }
          }
        `,
        { filter: { activity, activationId: line.activation_id } },
        token,
      );
      expect(byActivity.data!.accessLog.edges.some((edge) => edge.node.auditId === null)).toBe(true);
    } finally {
      await api?.close();
    }
  });

  it('rebuilds from the old events exactly what the worker projected', async () => {
    const projected = await shown(db);
    await rebuildReadModels(db, store, {
      batchSize: 500,
      databaseUrl: database.url,
      onProgress: () => undefined,
    });
    const rebuilt = await shown(db);
    expect(rebuilt.activations).toEqual(projected.activations);
    expect(rebuilt.timeline).toEqual(projected.timeline);
  });

  it('lets an erasure by BSN shred what the old release stored of the person', async () => {
    const vault = personalDataVault(db, loadConfig(database.env));
    const ref = vault.pseudonyms.ofBsn('111222333');
    const holding = async () =>
      (await store.readStream('activation-demo-vr17-kas')).flatMap(
        (event) => (event.data as { subjects?: { subjectId: unknown; name: unknown }[] }).subjects ?? [],
      );
    expect(await holding()).toContainEqual(expect.objectContaining({ name: 'Jan Kowalski' }));
    expect((await vault.subjectKeys.erase(ref, 'erasure-upgrade-test')).length).toBeGreaterThan(0);
    const after = await holding();
    expect(JSON.stringify(after)).not.toContain('Kowalski');
    expect(after).toContainEqual(expect.objectContaining({ name: ERASED }));
    // Another person of the same findings keeps their values.
    expect(after).toContainEqual(expect.objectContaining({ name: 'Ana Popescu' }));
  });
});
