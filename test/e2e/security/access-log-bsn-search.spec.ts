import { randomBytes } from 'node:crypto';
import { DataCategory } from '#domain';
import { policyAdminToken } from '../../support/agreements.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  EventSeed,
  query,
  run,
  seedActivations,
  seedTimeline,
  ReadsHarness,
  startReadsHarness,
} from '../reads/reads.fixture.js';

/*
 * The privacy officer's question, "who saw this person's data": two cases both name a subject `w1`, and
 * they are two different people. A search by BSN answers exactly the one person's reads (in every case,
 * under whatever subject id), a subject id is answered within its case only, and the access-request export
 * holds every read of that person and nothing else. The lines are Logboek Dataverwerkingen records: W3C
 * trace and span ids of the right length, the activity as the URI of a registered register entry.
 */

const A = 'GM9411';
const CONTROLLER = 'NLA';
const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL } = DataCategory;
const EVERYTHING = [CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL];
const BSN_X = '111222333';
const BSN_Y = '123456782';

const TIMELINE = `query Timeline($activationId: ID!) { timeline(activationId: $activationId) { edges { node { eventId } } } }`;
const ACCESS_LOG = `query Log($filter: AccessLogFilter) {
  accessLog(filter: $filter, first: 100) {
    edges { node { id traceId spanId parentSpanId activityUri status auditId userId agency role activationId categories subjectRef subjectType } }
  }
}`;
const ACCESS_REQUEST = `query Request($bsn: String!, $format: AccessRequestFormat) {
  accessRequestExport(bsn: $bsn, format: $format) { fileName contentType base64 }
}`;
const LDV_EXPORT = `query Ldv($filter: AccessLogFilter) { accessLogRecordsExport(filter: $filter) { contentType base64 } }`;
const PROPOSE = `mutation ($input: ProposeProcessingActivityInput!) { proposeProcessingActivity(input: $input) { version } }`;
const APPROVE = `mutation ($input: ApproveProcessingActivityInput!) { approveProcessingActivity(input: $input) { version } }`;
const REGISTER_ENTRY = `query ($id: ID!) { processingActivity(id: $id) { registerVersion uri } }`;

interface Line {
  id: string;
  traceId: string;
  spanId: string | null;
  parentSpanId: string | null;
  activityUri: string;
  status: string;
  auditId: string | null;
  userId: string;
  agency: string;
  role: string;
  activationId: string;
  categories: string[];
  subjectRef: string;
  subjectType: string;
}

const signal = (signalId: string, subjects: unknown[]): EventSeed => ({
  type: 'signal.recorded',
  occurredAt: '2021-03-01T08:05:00Z',
  data: {
    signalId,
    recordedBy: 'NLA',
    source: { kind: 'PARTNER_AGENCY', agency: 'NLA' },
    description: 'Workers named in a tip.',
    subjects,
  },
});
const opened = (activationId: string): EventSeed => ({
  type: 'activation.opened',
  occurredAt: '2021-03-01T08:00:00Z',
  data: {
    activationId,
    kind: 'PREVENTIVE',
    trigger: 'EXTERNAL_REPORT',
    themes: ['WORK'],
    region: 'VR17',
    municipality: 'GM0599',
    leadAgency: 'NLA',
  },
});

describe('access log: a BSN search finds one person, not everyone called w1', () => {
  let harness: ReadsHarness;
  let url: string;
  let inspector: string;
  let officer: string;
  const runId = run();
  // Case one: w1 is person X. Case two: w1 is person Y. Case three: X again, as k7.
  const one = `bsn-one-${runId}`;
  const two = `bsn-two-${runId}`;
  const three = `bsn-three-${runId}`;
  const traceOf: Record<string, string> = {};

  const lines = async (filter: Record<string, unknown>): Promise<Line[]> => {
    const response = await query<{ accessLog: { edges: { node: Line }[] } }>(url, officer, ACCESS_LOG, {
      filter,
    });
    expect(response.errors).toBeUndefined();
    return response.data!.accessLog.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    // A key of this run's own: lines of earlier runs (the log keeps them for good) hash to other pseudonyms.
    harness = await startReadsHarness([A], {
      ACCESS_LOG_PSEUDONYM_KEY: `bsn-search-test-key-${runId}-0123456789abcdef`,
    });
    url = harness.url;
    const { db } = harness;
    await seedActivations(
      db,
      [one, two, three].map((activationId) => ({
        agency: A,
        activationId,
        openedAt: '2021-03-01T08:00:00Z',
      })),
    );
    await seedTimeline(db, A, one, EVERYTHING, [
      opened(one),
      signal('s-1', [{ subjectId: 'w1', name: 'Jan Kowalski', bsn: BSN_X }]),
      // A later finding names the same person by the case's subject id only.
      {
        type: 'finding.recorded',
        occurredAt: '2021-03-02T11:00:00Z',
        data: {
          findingId: 'f-1',
          category: 'CRIMINAL',
          description: 'Passport withheld.',
          recordedBy: 'NLA',
          subjects: [{ subjectId: 'w1' }],
        },
      },
    ]);
    await seedTimeline(db, A, two, EVERYTHING, [
      opened(two),
      signal('s-2', [{ subjectId: 'w1', name: 'Piotr Nowak', bsn: BSN_Y }]),
    ]);
    await seedTimeline(db, A, three, EVERYTHING, [
      opened(three),
      signal('s-3', [{ subjectId: 'k7', name: 'Jan Kowalski', bsn: BSN_X }]),
    ]);
    inspector = await tokenFor({ userId: `insp-${runId}`, agency: A, role: 'INSPECTOR' });
    officer = await tokenFor({ userId: `fg-${runId}`, agency: A, role: 'PRIVACY_OFFICER' });

    // The activity the reads serve is a registered entry of the register (kept by two controllers).
    const [adminA, adminController] = await Promise.all([policyAdminToken(A), policyAdminToken(CONTROLLER)]);
    const registered = await query<{ processingActivity: { registerVersion: number } }>(
      url,
      adminA,
      REGISTER_ENTRY,
      { id: 'supervision' },
    );
    if (!registered.data?.processingActivity || registered.data.processingActivity.registerVersion === 0) {
      await query(url, adminA, PROPOSE, {
        input: {
          activityId: 'supervision',
          name: 'Toezicht',
          purpose: 'Toezicht en handhaving onder de eigen bevoegdheden.',
          legalBasis: { text: 'Toezicht', reference: 'Awb titel 5.2' },
          controllers: [A, CONTROLLER],
          retention: 'P5Y',
        },
      });
      await query(url, adminController, APPROVE, {
        input: { activityId: 'supervision', reason: 'Getoetst' },
      });
    }

    for (const activationId of [one, two, three]) {
      traceOf[activationId] = randomBytes(16).toString('hex');
      const response = await query(
        url,
        inspector,
        TIMELINE,
        { activationId },
        { traceparent: `00-${traceOf[activationId]}-00f067aa0ba902b7-01`, 'x-purpose': 'SUPERVISION' },
      );
      expect(response.errors).toBeUndefined();
    }
  });

  afterAll(() => harness?.close());

  it("finds exactly person X's reads by X's BSN, in both of X's cases and not in the other w1's", async () => {
    const found = await lines({ bsn: BSN_X, activity: 'supervision' });
    expect(found.map((line) => line.activationId).sort()).toEqual([one, three].sort());
    expect(new Set(found.map((line) => line.subjectRef)).size).toBe(1);
    expect(found.every((line) => line.subjectType === 'BSN')).toBe(true);
    // Written as people write it, grouped with dots or spaces, it is the same person.
    for (const written of ['1112.22.333', '111 222 333'])
      expect(await lines({ bsn: written, activity: 'supervision' })).toEqual(found);

    const other = await lines({ bsn: BSN_Y, activity: 'supervision' });
    expect(other.map((line) => line.activationId)).toEqual([two]);
    expect(other[0].subjectRef).not.toBe(found[0].subjectRef);
  });

  it('answers a subject id within its case only', async () => {
    const inTwo = await lines({ subjectId: 'w1', activationId: two });
    expect(inTwo.map((line) => line.activationId)).toEqual([two]);
    const inOne = await lines({ subjectId: 'w1', activationId: one });
    // The finding named w1 without a BSN: the read's signal gave it, so it is one line, X's.
    expect(inOne).toHaveLength(1);
    expect(inOne[0].categories).toEqual(expect.arrayContaining([PERSONAL, CRIMINAL]));
    const withoutCase = await query(url, officer, ACCESS_LOG, { filter: { subjectId: 'w1' } });
    expect(withoutCase.errors?.[0].message).toMatch(/give activationId with it/);
  });

  it('writes Logboek Dataverwerkingen records: trace and span ids, a registered activity URI, status, the user apart', async () => {
    const found = await lines({ traceId: traceOf[one] });
    expect(found).toHaveLength(1);
    const [line] = found;
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line.traceId).toBe(traceOf[one]);
    expect(line.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(line.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(line.spanId).not.toBe(line.parentSpanId);
    expect(line.status).toBe('OK');
    expect(line.auditId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line).toMatchObject({ userId: `insp-${runId}`, role: 'INSPECTOR', agency: A });

    const admin = await policyAdminToken(A);
    const entry = await query<{ processingActivity: { uri: string } }>(url, admin, REGISTER_ENTRY, {
      id: 'supervision',
    });
    expect(line.activityUri).toBe(entry.data!.processingActivity.uri);
    expect(line.activityUri).toMatch(/^urn:keten:processing-activity:supervision:[1-9][0-9]*$/);

    // The line itself names no user: that sits in the linked audit record only.
    const [stored] = await harness.db.query(
      `SELECT l.user_id, l.role, a.user_id AS audit_user FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id
       WHERE l.id = $1`,
      [line.id],
    );
    expect(stored).toEqual({ user_id: null, role: null, audit_user: `insp-${runId}` });
    // No read span twice: each read is a span of its own.
    const spans = (await lines({ bsn: BSN_X })).map((l) => l.spanId);
    expect(new Set(spans).size).toBe(spans.length);
  });

  it("exports a data subject's access request as JSON and CSV: every read of X and nothing else", async () => {
    const json = await query<{ accessRequestExport: { contentType: string; base64: string } }>(
      url,
      officer,
      ACCESS_REQUEST,
      { bsn: BSN_X, format: 'JSON' },
    );
    expect(json.errors).toBeUndefined();
    expect(json.data!.accessRequestExport.contentType).toBe('application/json');
    const answer = JSON.parse(
      Buffer.from(json.data!.accessRequestExport.base64, 'base64').toString('utf8'),
    ) as {
      reads: { activationId: string; agency: string }[];
    };
    const everyRead = await lines({ bsn: BSN_X });
    expect(answer.reads).toHaveLength(everyRead.length);
    expect(answer.reads.map((read) => read.activationId).sort()).toEqual(
      everyRead.map((line) => line.activationId).sort(),
    );
    expect(answer.reads.map((read) => read.activationId)).not.toContain(two);
    expect(JSON.stringify(answer)).not.toContain(BSN_X);

    const csv = await query<{ accessRequestExport: { contentType: string; base64: string } }>(
      url,
      officer,
      ACCESS_REQUEST,
      { bsn: BSN_X, format: 'CSV' },
    );
    const text = Buffer.from(csv.data!.accessRequestExport.base64, 'base64').toString('utf8');
    const records = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(records[0]).toMatch(/^Moment,Organisatie/);
    expect(records).toHaveLength(everyRead.length + 1);
    expect(text).not.toContain(two);
  });

  it('exports records in the attribute format of the standard (dpl.core.*)', async () => {
    const response = await query<{ accessLogRecordsExport: { base64: string } }>(url, officer, LDV_EXPORT, {
      filter: { traceId: traceOf[three] },
    });
    expect(response.errors).toBeUndefined();
    const records = JSON.parse(
      Buffer.from(response.data!.accessLogRecordsExport.base64, 'base64').toString(),
    ) as {
      trace_id: string;
      span_id: string;
      status_code: string;
      attributes: Record<string, unknown>;
    }[];
    expect(records).toHaveLength(1);
    const [bsnLine] = await lines({ bsn: BSN_X, activationId: three });
    expect(records[0]).toMatchObject({
      trace_id: traceOf[three],
      span_id: bsnLine.spanId,
      status_code: 'STATUS_CODE_OK',
      attributes: {
        'dpl.core.processing_activity_id': bsnLine.activityUri,
        'dpl.core.data_subject_id': bsnLine.subjectRef,
        'dpl.core.data_subject_id_type': 'BSN',
      },
    });
    expect(JSON.stringify(records)).not.toContain(`insp-${runId}`);
  });
});
