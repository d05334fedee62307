import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataCategory } from '#domain';
import type { AccessLogRow } from '#read-models';
import { tokenFor } from '../../support/test-tokens.js';
import {
  codeOf,
  EventSeed,
  query,
  run,
  seedActivations,
  seedTimeline,
  ReadsHarness,
  startReadsHarness,
} from './reads.fixture.js';

const A = 'GM9401';
const B = 'GM9402';
const KEY = 'access-log-test-key-0123456789abcdef';
const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL } = DataCategory;

const TIMELINE = `query Timeline($activationId: ID!, $first: Int) {
  timeline(activationId: $activationId, first: $first) { edges { node { eventId payload } } }
}`;
const ACTIVATION = `query One($id: ID!) { activation(id: $id) { id employer { name } location { city } } }`;
const ACCESS_LOG = `query Log($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    edges { node { id recordedAt traceId requestId userId agency role purpose operation activationId categories subjectRef } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type LogLine = Pick<
  AccessLogRow,
  | 'trace_id'
  | 'request_id'
  | 'user_id'
  | 'agency'
  | 'role'
  | 'purpose'
  | 'operation'
  | 'activation_id'
  | 'categories'
  | 'subject_ref'
>;

// A person the case names without a BSN: the keyed hash of activation and subject id; with one, of the BSN.
const caseRef = (activationId: string, subjectId: string) =>
  createHmac('sha256', KEY).update(`subject:${activationId}\u0000${subjectId}`).digest('hex');
const bsnRef = (bsn: string) => createHmac('sha256', KEY).update(`bsn:${bsn}`).digest('hex');
const traceparent = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;
const newTraceId = () => randomBytes(16).toString('hex');

describe('access log: reads that return personal, health or criminal data', () => {
  let harness: ReadsHarness;
  let url: string;
  let db: DataSource;
  let inspectorA: string;
  let inspectorB: string;
  let privacyOfficer: string;
  const runId = run();
  const activationId = `act-${runId}`;
  // Subject ids are the case's own; a run id keeps this run's lines apart from earlier runs'.
  const p1 = `p1-${runId}`;
  const p2 = `p2-${runId}`;
  const p3 = `p3-${runId}`;
  const hmac = (subjectId: string) =>
    subjectId === p3 ? bsnRef('111222333') : caseRef(activationId, subjectId);

  const events: EventSeed[] = [
    {
      type: 'activation.opened',
      occurredAt: '2020-06-01T08:00:00Z',
      data: {
        activationId,
        kind: 'REPRESSIVE',
        trigger: 'EXTERNAL_REPORT',
        themes: ['HEALTH'],
        region: 'VR17',
        municipality: 'GM0599',
        leadAgency: 'NLA',
        employer: { name: 'Kas BV' },
        location: { address: 'Havenweg 12', city: 'Rotterdam' },
      },
    },
    {
      type: 'signal.recorded',
      occurredAt: '2020-06-01T08:05:00Z',
      data: {
        signalId: 's-1',
        recordedBy: 'NLA',
        source: { kind: 'PARTNER_AGENCY', agency: 'GGD17' },
        description: 'Infections among the workers.',
        subjects: [
          { subjectId: p1, name: 'Jan Kowalski' },
          { subjectId: p2, name: 'Piotr Nowak' },
        ],
        confirmedInfection: true,
      },
    },
    {
      type: 'finding.recorded',
      occurredAt: '2020-06-02T11:00:00Z',
      data: {
        findingId: 'f-1',
        category: 'CRIMINAL',
        description: 'Passports withheld by the employer.',
        recordedBy: 'NLA',
        subjects: [
          { subjectId: p1, name: 'Jan Kowalski' },
          { subjectId: p3, bsn: '111222333' },
        ],
      },
    },
    {
      type: 'signal.recorded',
      occurredAt: '2020-06-03T09:00:00Z',
      // A reporter's name is personal data about a person the case does not name by id.
      data: {
        signalId: 's-2',
        recordedBy: 'NLA',
        source: { kind: 'EXTERNAL', name: 'A neighbour' },
        description: 'More vans at night.',
      },
    },
    { type: 'agency.joined', occurredAt: '2020-06-03T10:00:00Z', data: { agency: 'UWV' } },
  ];

  beforeAll(async () => {
    harness = await startReadsHarness([A, B], { ACCESS_LOG_PSEUDONYM_KEY: KEY });
    ({ url, db } = harness);
    await seedActivations(db, [
      { agency: A, activationId, openedAt: '2020-06-01T08:00:00Z', employer: { name: 'Kas BV' } },
      { agency: B, activationId, openedAt: '2020-06-01T08:00:00Z', employer: { name: 'Kas BV' } },
    ]);
    await seedTimeline(db, A, activationId, [CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL], events);
    await seedTimeline(db, B, activationId, [CASE, LOCATION, EMPLOYER], events);
    inspectorA = await tokenFor({ userId: `insp-a-${runId}`, agency: A, role: 'INSPECTOR' });
    inspectorB = await tokenFor({ userId: `insp-b-${runId}`, agency: B, role: 'INSPECTOR' });
    privacyOfficer = await tokenFor({ userId: 'fg-1', agency: A, role: 'PRIVACY_OFFICER' });
  });

  afterAll(() => harness?.close());

  const linesOf = (traceId: string): Promise<LogLine[]> =>
    db.query(
      `SELECT l.trace_id, a.request_id, a.user_id, l.agency, a.role, l.purpose, l.operation, l.activation_id,
              l.categories, l.subject_ref
       FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id
       WHERE l.trace_id = $1 ORDER BY l.subject_ref`,
      [traceId],
    );

  /** A read in a trace of the test's choosing, so the lines it wrote can be found by trace id. */
  const traced = <T = Record<string, unknown>>(
    traceId: string,
    token: string,
    document: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => query<T>(url, token, document, variables, { traceparent: traceparent(traceId), ...headers });

  it('writes one line per data subject, with the categories returned about them', async () => {
    const traceId = newTraceId();
    const response = await traced(
      traceId,
      inspectorA,
      TIMELINE,
      { activationId },
      {
        'x-request-id': `req-${runId}`,
        'x-purpose': 'SUPERVISION',
      },
    );
    expect(response.errors).toBeUndefined();
    const lines = await linesOf(traceId);
    const common = {
      trace_id: traceId,
      request_id: `req-${runId}`,
      user_id: `insp-a-${runId}`,
      agency: A,
      role: 'INSPECTOR',
      purpose: 'SUPERVISION',
      operation: 'timeline',
      activation_id: activationId,
    };
    expect(lines).toEqual(
      [
        { ...common, subject_ref: hmac(p1), categories: [CRIMINAL, HEALTH, PERSONAL] },
        { ...common, subject_ref: hmac(p2), categories: [HEALTH, PERSONAL] },
        { ...common, subject_ref: hmac(p3), categories: [CRIMINAL, PERSONAL] },
        { ...common, subject_ref: 'unnamed', categories: [PERSONAL] },
      ].sort((x, y) => x.subject_ref.localeCompare(y.subject_ref)),
    );
  });

  it('logs only what the page returned', async () => {
    const traceId = newTraceId();
    await traced(traceId, inspectorA, TIMELINE, { activationId, first: 2 });
    const lines = await linesOf(traceId);
    expect(lines.map((l) => [l.subject_ref, l.categories, l.purpose])).toEqual(
      [
        [hmac(p1), [HEALTH, PERSONAL], 'CASE_COORDINATION'],
        [hmac(p2), [HEALTH, PERSONAL], 'CASE_COORDINATION'],
      ].sort(([x], [y]) => (x as string).localeCompare(y as string)),
    );
  });

  it('writes nothing for reads that return no such data', async () => {
    const traceIds = [newTraceId(), newTraceId(), newTraceId(), newTraceId()];
    // B's timeline has every person and the finding withheld.
    const b = await traced<{ timeline: { edges: { node: { payload: Record<string, unknown> } }[] } }>(
      traceIds[0],
      inspectorB,
      TIMELINE,
      { activationId },
    );
    expect(b.data?.timeline.edges[1].node.payload.subjects).toBeNull();
    // The list row holds case, location and employer data only.
    const one = await traced(traceIds[1], inspectorA, ACTIVATION, { id: activationId });
    expect(one.errors).toBeUndefined();
    await traced(traceIds[2], inspectorA, `{ activations { edges { node { id employer { name } } } } }`, {});
    // A refused read returns nothing, so logs nothing.
    const missing = await traced(traceIds[3], inspectorA, TIMELINE, { activationId: `${activationId}-x` });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    for (const traceId of traceIds) expect(await linesOf(traceId)).toEqual([]);
  });

  it("joins the caller's W3C trace, or starts one, and answers it in traceparent", async () => {
    const traceId = newTraceId();
    const joined = await traced(traceId, inspectorA, TIMELINE, { activationId, first: 2 });
    expect(joined.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(joined.headers.get('traceparent')).not.toContain('00f067aa0ba902b7');

    const invalid = [
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      `ff-${traceId}-00f067aa0ba902b7-01`,
      'garbage',
    ];
    for (const header of invalid) {
      const started = await query(
        url,
        inspectorA,
        TIMELINE,
        { activationId, first: 2 },
        { traceparent: header },
      );
      const [, newTrace] =
        /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(started.headers.get('traceparent') ?? '') ?? [];
      expect(newTrace).toBeDefined();
      expect(newTrace).not.toBe(traceId);
      expect((await linesOf(newTrace)).length).toBe(2);
    }
  });

  it('refuses an unknown purpose and then writes nothing', async () => {
    const traceId = newTraceId();
    const response = await traced(
      traceId,
      inspectorA,
      TIMELINE,
      { activationId },
      { 'x-purpose': 'CURIOSITY' },
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/CASE_COORDINATION, SUPERVISION, DATA_SUBJECT_REQUEST/);
    expect(await linesOf(traceId)).toEqual([]);
  });

  describe('accessLog', () => {
    beforeAll(async () => {
      // Make sure there are lines to find whichever test ran first.
      await query(url, inspectorA, TIMELINE, { activationId }, { 'x-purpose': 'DATA_SUBJECT_REQUEST' });
    });

    it('answers a privacy officer who saw a person, by the id the case uses for them', async () => {
      const response = await query<{ accessLog: { edges: { node: Record<string, unknown> }[] } }>(
        url,
        privacyOfficer,
        ACCESS_LOG,
        { filter: { subjectId: p2, activationId } },
      );
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.accessLog.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThanOrEqual(1);
      for (const node of nodes) {
        expect(node).toMatchObject({
          subjectRef: hmac(p2),
          userId: `insp-a-${runId}`,
          agency: A,
          role: 'INSPECTOR',
          operation: 'timeline',
          activationId,
          categories: [HEALTH, PERSONAL],
        });
      }
      expect(nodes.map((n) => n.purpose)).toContain('DATA_SUBJECT_REQUEST');
      const times = nodes.map((n) => Date.parse(n.recordedAt as string));
      expect(times).toEqual([...times].sort((x, y) => y - x));
    });

    it('finds by pseudonym, activation and user, page by page', async () => {
      const byRef = await query<{ accessLog: { edges: unknown[] } }>(url, privacyOfficer, ACCESS_LOG, {
        filter: { subjectRef: hmac(p3), activationId, userId: `insp-a-${runId}` },
      });
      expect(byRef.data?.accessLog.edges.length).toBeGreaterThanOrEqual(1);

      type Page = {
        accessLog: {
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const first = await query<Page>(url, privacyOfficer, ACCESS_LOG, {
        filter: { activationId },
        first: 2,
      });
      const second = await query<Page>(url, privacyOfficer, ACCESS_LOG, {
        filter: { activationId },
        first: 2,
        after: first.data!.accessLog.pageInfo.endCursor,
      });
      expect(first.data!.accessLog.pageInfo.hasNextPage).toBe(true);
      const ids = [...first.data!.accessLog.edges, ...second.data!.accessLog.edges].map((e) => e.node.id);
      expect(new Set(ids).size).toBe(4);
    });

    it("shows a privacy officer the reads of their own agency only, not another agency's", async () => {
      type Lines = { accessLog: { edges: { node: { agency: string; userId: string } }[] } };
      const officerB = await tokenFor({ userId: 'fg-b', agency: B, role: 'PRIVACY_OFFICER' });
      const ofA = await query<Lines>(url, privacyOfficer, ACCESS_LOG, { filter: { activationId } });
      expect(ofA.data!.accessLog.edges.length).toBeGreaterThan(0);
      expect(new Set(ofA.data!.accessLog.edges.map((e) => e.node.agency))).toEqual(new Set([A]));
      // A's inspector read about p1, p2 and p3 in an activation B takes part in: B's privacy officer
      // learns nothing of it, asked however (by case, by person, by A's reader, by A's name, or not at all).
      for (const filter of [
        { activationId },
        { subjectId: p1, activationId },
        { userId: `insp-a-${runId}` },
        { agency: A },
        {},
      ]) {
        const ofB = await query<Lines>(url, officerB, ACCESS_LOG, { filter });
        expect(ofB.errors).toBeUndefined();
        expect(ofB.data!.accessLog.edges.filter((e) => e.node.agency !== B)).toEqual([]);
      }
    });

    it('refuses subjectId and subjectRef together, and a subject id without its case', async () => {
      const response = await query(url, privacyOfficer, ACCESS_LOG, {
        filter: { subjectId: p1, activationId, subjectRef: hmac(p1) },
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(/give activationId with it \(and not subjectRef\)/);
      const withoutCase = await query(url, privacyOfficer, ACCESS_LOG, { filter: { subjectId: p1 } });
      expect(codeOf(withoutCase)).toBe('BAD_USER_INPUT');
    });

    it.each(['INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM', 'POLICY_ADMIN'])(
      'refuses a %s with FORBIDDEN',
      async (role) => {
        const token = await tokenFor({ userId: `u-${role}`, agency: A, role });
        const response = await query(url, token, ACCESS_LOG, { filter: { subjectId: p1, activationId } });
        expect(codeOf(response)).toBe('FORBIDDEN');
        expect(response.errors?.[0].message).toMatch(/Only a privacy officer/);
        expect(response.data).toBeNull();
      },
    );
  });
});
