import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ReadDatabase } from '#platform';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * A data subject's access request (AVG art. 15, issue 19 item 6), answered by NLA's privacy officer from
 * NLA's own holding. Person X is named in three activations NLA takes part in (opened by NLA, the
 * municipality and UWV; in the first, a CRIMINAL finding names X only by the case's subject id), in a
 * health signal NLA may not see the persons of, and in a fourth activation of SVB that NLA has no part in.
 * Person Y sits beside X in a signal and has a case of their own. The export holds the three activations,
 * every value NLA holds of X, the agencies that received them (only with categories NLA holds itself),
 * NLA's access-log lines of X; nothing of Y, of the health signal or of SVB's case. A BSN only SVB holds
 * answers exactly as one keten does not hold at all.
 */

const X = { name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL', birthDate: '1990-04-01' };
const Y = { name: 'Piotr Nowak', bsn: '123456782', nationality: 'PL' };
/** Held only in SVB's case. */
const Z = { name: 'Agnieszka Zielińska', bsn: '100000009' };
/** Passes the eleven-test; keten names no one by it. */
const UNKNOWN = '100000010';

const ONE = 'sar-one'; // NLA's, the municipality joins: X (w1) and Y (w2) in one signal, a CRIMINAL finding on w1
const TWO = 'sar-two'; // the municipality's, NLA joins: X as k7, and a health signal naming X NLA may not read
const THREE = 'sar-three'; // UWV's in Utrecht, NLA joins: X as p1
const FOUR = 'sar-four'; // SVB's own in Utrecht: X and Z; NLA takes no part
const OTHER = 'sar-other'; // NLA's: Y only

const REQUEST = `query ($bsn: String!, $format: SubjectAccessFormat) {
  subjectAccessRequest(bsn: $bsn, format: $format) { fileName contentType byteLength sha256 base64 }
}`;
const ACCESS_LOG = `query ($filter: AccessLogFilter, $after: String) {
  accessLog(filter: $filter, first: 100, after: $after) {
    edges { node { id recordedAt agency role operation activationId categories traceId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const TIMELINE = `query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }`;

interface Line {
  id: string;
  recordedAt: string;
  agency: string;
  role: string;
  operation: string;
  activationId: string;
  traceId: string;
}

interface Answer {
  kind: string;
  version: number;
  dataSubject: { bsn: string; pseudonym: string; type: string };
  answeredBy: { agency: string; userId: string; at: string };
  scope: string[];
  activations: {
    activationId: string;
    caseNumber: string | null;
    leadAgency: string | null;
    subjectIds: string[];
    entries: {
      eventId: string;
      type: string;
      recordedBy: string;
      categories: string[];
      person: Record<string, unknown>[];
      context: Record<string, unknown>;
    }[];
  }[];
  recipients: {
    agency: string;
    categories: string[];
    firstReceivedAt: string;
    lastReceivedAt: string;
    receipts: { activationId: string; eventId: string; receivedAt: string; categories: string[] }[];
  }[];
  accessLog: {
    agency: string;
    reads: { recordedAt: string; activationId: string; operation: string; traceId: string }[];
  };
}

describe('subject access request (AVG art. 15): what the officer’s agency holds about one person', () => {
  const scenario = new FeedsScenario();
  let officer: string;
  const events: Record<string, string[]> = {};
  let answer: Answer;
  /** NLA's lines of X when the export was made. */
  let linesBefore: Line[];
  let healthSignal: string;

  const act = async (
    agency: string,
    name: Parameters<FeedsScenario['act']>[1],
    input: Record<string, unknown>,
  ) => {
    const ids = await scenario.act(agency, name, input);
    const activationId = (input as { activationId: string }).activationId;
    (events[activationId] ??= []).push(...ids);
    return ids;
  };
  const open = async (
    agency: string,
    activationId: string,
    region: string,
    municipality: string,
    joining: string[] = [],
  ) => {
    await act(agency, 'openActivation', {
      activationId,
      kind: 'PREVENTIVE',
      title: 'Inzagetest',
      trigger: 'OWN_OBSERVATION',
      themes: ['WORK'],
      region,
      municipality,
      leadAgency: agency,
    });
    for (const other of joining) await act(agency, 'inviteAgency', { activationId, agency: other });
    for (const other of joining) await act(other, 'joinActivation', { activationId });
  };
  const signal = (agency: string, activationId: string, signalId: string, subjects: object[], extra = {}) =>
    act(agency, 'recordSignal', {
      activationId,
      signalId,
      source: { kind: 'EXTERNAL', name: 'Melder Anoniem-Niet' },
      description: 'Arbeiders slapen in een loods.',
      descriptionCategories: ['PERSONAL'],
      subjects,
      ...extra,
    });
  const request = async (bsn: string, format: 'JSON' | 'PDF', token = officer) =>
    graphql<{ subjectAccessRequest: { fileName: string; contentType: string; base64: string } }>(
      scenario.url,
      REQUEST,
      { bsn, format },
      token,
    );
  const answerFor = async (bsn: string): Promise<Answer> => {
    const { data, errors } = await request(bsn, 'JSON');
    expect(errors).toBeUndefined();
    return JSON.parse(Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString('utf8')) as Answer;
  };
  /** Every line of the person, page by page: the feed reads and relay deliveries of a run pass 100. */
  const linesOf = async (bsn: string) => {
    const lines: Line[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        data,
        errors,
      }: GraphqlResponse<{
        accessLog: { edges: { node: Line }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      }> = await graphql(scenario.url, ACCESS_LOG, { filter: { bsn }, after }, officer);
      expect(errors).toBeUndefined();
      lines.push(...data!.accessLog.edges.map((edge) => edge.node));
      if (!data!.accessLog.pageInfo.hasNextPage) return lines;
      after = data!.accessLog.pageInfo.endCursor;
    }
  };
  const readTimeline = async (agency: string, activationId: string) => {
    const last = events[activationId].at(-1)!;
    await eventually(async () => {
      const { data } = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } | null }>(
        scenario.url,
        TIMELINE,
        { id: activationId },
        scenario.tokens[agency],
      );
      return data?.timeline?.edges.some((edge) => edge.node.eventId === last) ?? false;
    }, 15_000);
  };

  beforeAll(async () => {
    await scenario.start();
    officer = await tokenFor({ userId: 'fg@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });

    await open('NLA', ONE, 'VR17', 'GM0599', ['GM0599']);
    await signal('NLA', ONE, 's-1', [
      { subjectId: 'w1', ...X },
      { subjectId: 'w2', ...Y },
    ]);
    // A later finding names X by the case's subject id and another spelling, no BSN: still X's data.
    await act('NLA', 'recordFinding', {
      activationId: ONE,
      findingId: 'f-1',
      category: 'CRIMINAL',
      description: 'Paspoort ingehouden.',
      subjects: [{ subjectId: 'w1', name: 'J. Kowalski' }],
    });

    await open('GM0599', TWO, 'VR17', 'GM0599', ['NLA']);
    await signal('GM0599', TWO, 's-2', [{ subjectId: 'k7', name: X.name, bsn: X.bsn }]);
    // HEALTH: NLA's agreements do not grant it, so NLA's row of this signal holds none of its persons.
    [healthSignal] = await signal('GM0599', TWO, 's-2h', [{ subjectId: 'k7', name: X.name, bsn: X.bsn }], {
      confirmedInfection: true,
    });

    await open('UWV', THREE, 'VR09', 'GM0344', ['NLA']);
    await signal('UWV', THREE, 's-3', [{ subjectId: 'p1', name: X.name, bsn: X.bsn, nationality: 'PL' }]);

    await open('SVB', FOUR, 'VR09', 'GM0344');
    await signal('SVB', FOUR, 's-4', [
      { subjectId: 'q1', name: X.name, bsn: X.bsn },
      { subjectId: 'q2', ...Z },
    ]);

    await open('NLA', OTHER, 'VR17', 'GM0599');
    await signal('NLA', OTHER, 's-5', [{ subjectId: 'w1', ...Y }]);

    for (const [agency, activationId] of [
      ['NLA', ONE],
      ['NLA', TWO],
      ['GM0599', TWO],
      ['NLA', THREE],
      ['SVB', FOUR],
      ['NLA', OTHER],
    ])
      await scenario.fedTo(agency, events[activationId].at(-1)!, 15_000);
    // NLA reads two of its cases (its access log has X's lines); the municipality reads its own (its log).
    await readTimeline('NLA', ONE);
    await readTimeline('NLA', THREE);
    await readTimeline('GM0599', TWO);
    await readTimeline('SVB', FOUR);

    linesBefore = await linesOf(X.bsn);
    const { data, errors } = await request('1112.22.333', 'JSON');
    expect(errors).toBeUndefined();
    expect(data!.subjectAccessRequest.contentType).toBe('application/json');
    answer = JSON.parse(Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString('utf8')) as Answer;
  }, 240_000);

  afterAll(() => scenario.stop());

  it('holds the three activations of NLA’s holding that name the person, and no other', () => {
    expect(answer).toMatchObject({ kind: 'keten.subject-access-request', version: 2 });
    expect(answer.dataSubject).toMatchObject({ bsn: X.bsn, type: 'BSN' });
    expect(answer.dataSubject.pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.answeredBy).toMatchObject({ agency: 'NLA', userId: 'fg@nla' });
    expect(answer.activations.map((a) => a.activationId)).toEqual([ONE, THREE, TWO]);
    const byId = new Map(answer.activations.map((a) => [a.activationId, a]));
    expect(byId.get(ONE)).toMatchObject({ leadAgency: 'NLA', subjectIds: ['w1'] });
    expect(byId.get(TWO)).toMatchObject({ leadAgency: 'GM0599', subjectIds: ['k7'] });
    expect(byId.get(THREE)).toMatchObject({ leadAgency: 'UWV', subjectIds: ['p1'] });
    for (const activation of answer.activations)
      expect(activation.caseNumber).toMatch(/^VR(17|09)-\d{4}-\d{4}$/);
  });

  it('holds every value NLA holds of the person, and nothing of anyone else, of the health signal or of SVB’s case', () => {
    const one = answer.activations.find((a) => a.activationId === ONE)!;
    expect(one.entries.map((e) => e.type)).toEqual(['signal.recorded', 'finding.recorded']);
    const [signalOne, finding] = one.entries;
    expect(signalOne.person).toEqual([{ subjectId: 'w1', ...X }]);
    expect(signalOne.categories).toEqual(['PERSONAL']);
    expect(signalOne.context).toMatchObject({
      signalId: 's-1',
      description: { text: 'Arbeiders slapen in een loods.' },
    });
    expect(finding.person).toEqual([{ subjectId: 'w1', name: 'J. Kowalski' }]);
    expect(finding.categories).toEqual(['CRIMINAL', 'PERSONAL']);
    expect(finding.context).toMatchObject({ findingId: 'f-1', category: 'CRIMINAL' });
    const two = answer.activations.find((a) => a.activationId === TWO)!;
    expect(two.entries.map((e) => [e.recordedBy, e.person])).toEqual([
      ['GM0599', [{ subjectId: 'k7', name: X.name, bsn: X.bsn }]],
    ]);
    const three = answer.activations.find((a) => a.activationId === THREE)!;
    expect(three.entries.map((e) => [e.recordedBy, e.person])).toEqual([
      ['UWV', [{ subjectId: 'p1', name: X.name, bsn: X.bsn, nationality: 'PL' }]],
    ]);

    const text = JSON.stringify(answer);
    for (const other of [Y.name, Y.bsn, 'w2', OTHER, FOUR, 'q1', 'SVB', Z.name, 'Melder Anoniem-Niet'])
      expect(text).not.toContain(other);
    // The health signal names X, but NLA holds none of its persons: neither it nor HEALTH is named.
    expect(text).not.toContain(healthSignal);
    expect(text).not.toContain('HEALTH');
  });

  it('names the agencies that received the person’s data, only with categories NLA holds, as the feed ledger says', async () => {
    const recipients = new Map(answer.recipients.map((r) => [r.agency, r]));
    // NLA and the municipality in case one (the municipality has no CRIMINAL: the finding never reached
    // it), both in case two, UWV and NLA in case three; the regions' coordinators hold no PERSONAL, and
    // SVB received X only in its own case, which NLA does not hold.
    expect([...recipients.keys()]).toEqual(['GM0599', 'NLA', 'UWV']);
    expect(recipients.get('NLA')!.categories).toEqual(['CRIMINAL', 'PERSONAL']);
    expect(recipients.get('GM0599')!.categories).toEqual(['PERSONAL']);
    expect(recipients.get('UWV')!.categories).toEqual(['PERSONAL']);

    const eventIdsOf = (agency: string) =>
      recipients
        .get(agency)!
        .receipts.map((r) => r.eventId)
        .sort();
    const [signalOne, findingOne] = answer.activations.find((a) => a.activationId === ONE)!.entries;
    const [signalTwo] = answer.activations.find((a) => a.activationId === TWO)!.entries;
    const [signalThree] = answer.activations.find((a) => a.activationId === THREE)!.entries;
    expect(eventIdsOf('NLA')).toEqual(
      [signalOne.eventId, findingOne.eventId, signalTwo.eventId, signalThree.eventId].sort(),
    );
    expect(eventIdsOf('GM0599')).toEqual([signalOne.eventId, signalTwo.eventId].sort());
    expect(eventIdsOf('UWV')).toEqual([signalThree.eventId]);

    // The times are the feed's: each agency's feed holds the event, and the receipt lies in the test's run.
    for (const recipient of answer.recipients) {
      const feed = await scenario.feedOf(recipient.agency);
      for (const receipt of recipient.receipts) {
        expect(feed.some((entry) => entry.eventId === receipt.eventId)).toBe(true);
        expect(Date.parse(receipt.receivedAt)).toBeGreaterThan(Date.now() - 600_000);
      }
      expect(recipient.firstReceivedAt <= recipient.lastReceivedAt).toBe(true);
    }
  });

  it("holds every line of NLA's access log of the person, and logs the export itself", async () => {
    // Every line of NLA about X when the export was made (its timeline reads; no other agency's).
    expect(linesBefore.length).toBeGreaterThan(0);
    expect(linesBefore.every((line) => line.agency === 'NLA')).toBe(true);
    // Its inspector's timeline reads of cases one and three; the relay's Kafka deliveries of its own feed
    // may add lines of any of its three cases, never of SVB's.
    const reads = linesBefore.filter((line) => line.operation === 'timeline');
    expect(new Set(reads.map((line) => line.activationId))).toEqual(new Set([ONE, THREE]));
    expect(linesBefore.every((line) => [ONE, TWO, THREE].includes(line.activationId))).toBe(true);
    expect(answer.accessLog.agency).toBe('NLA');
    const key = (line: { recordedAt: string; traceId: string; operation: string; activationId: string }) =>
      `${new Date(line.recordedAt).toISOString()} ${line.traceId} ${line.operation} ${line.activationId}`;
    const answered = answer.accessLog.reads.map(key);
    expect(answered).toEqual(expect.arrayContaining(linesBefore.map(key)));
    // The relay may log a Kafka delivery while the export runs: what the answer holds more is such a line.
    const lines = await linesOf(X.bsn);
    expect(lines.map(key)).toEqual(expect.arrayContaining(answered));
    expect(answered).toHaveLength(new Set(answered).size);
    expect(answer.accessLog.reads.every((read) => read.activationId !== FOUR)).toBe(true);
    // The export read X's data in three cases: one line per case, by the privacy officer.
    const own = lines.filter((line) => line.operation === 'subjectAccessRequest');
    expect(own.map((line) => line.activationId).sort()).toEqual([ONE, THREE, TWO].sort());
    expect(own.every((line) => line.role === 'PRIVACY_OFFICER')).toBe(true);
    // The next answer holds it.
    const again = await answerFor(X.bsn);
    expect(again.accessLog.reads.filter((read) => read.operation === 'subjectAccessRequest')).toHaveLength(3);
  });

  it('answers the same as a PDF in Dutch', async () => {
    const { data, errors } = await request(X.bsn, 'PDF');
    expect(errors).toBeUndefined();
    const document = data!.subjectAccessRequest;
    expect(document.contentType).toBe('application/pdf');
    expect(document.fileName).toMatch(/^inzageverzoek-[0-9a-f]{12}\.pdf$/);
    const dir = mkdtempSync(join(tmpdir(), 'keten-sar-'));
    try {
      const file = join(dir, 'answer.pdf');
      writeFileSync(file, Buffer.from(document.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const expected of [
        'Inzageverzoek (AVG artikel 15)',
        `BSN ${X.bsn}`,
        'Vastgelegde gegevens',
        `Activering ${ONE}`,
        `Activering ${TWO}`,
        `Activering ${THREE}`,
        X.name,
        'J. Kowalski',
        'Signaal vastgelegd',
        'Ontvangers',
        'GM0599: PERSONAL',
        'UWV: PERSONAL',
        'NLA: CRIMINAL, PERSONAL',
        'Inzage door NLA (toegangslog)',
      ])
        expect(text).toContain(expected);
      for (const other of [Y.name, Y.bsn, OTHER, FOUR, 'SVB', 'HEALTH']) expect(text).not.toContain(other);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a BSN only another agency holds exactly as one keten does not hold', async () => {
    const [unknown, othersOnly] = [await answerFor(UNKNOWN), await answerFor(Z.bsn)];
    // Only what was asked and when differ: the BSN, its pseudonym and the moment of the answer.
    const shape = (a: Answer) => ({
      ...a,
      dataSubject: { ...a.dataSubject, bsn: '', pseudonym: '' },
      answeredBy: { ...a.answeredBy, at: '' },
    });
    expect(shape(othersOnly)).toEqual(shape(unknown));
    expect(unknown).toMatchObject({ activations: [], recipients: [], accessLog: { reads: [] } });
    // Neither answer is logged: it disclosed nothing of anyone.
    expect(await linesOf(Z.bsn)).toEqual([]);
    expect(await linesOf(UNKNOWN)).toEqual([]);
  });

  it('is scoped by row-level security, below the api: a privacy officer reads case rows only of the person’s activations', async () => {
    const reader = await ReadDatabase.open(loadConfig(scenario.database.env), 1);
    const officerOf = (subjectBsn?: string) => ({ agency: 'NLA', role: 'PRIVACY_OFFICER', subjectBsn });
    const activations = (scope: { agency: string; role: string; subjectBsn?: string }) =>
      reader.read(scope, async (db) => {
        const rows: { activation_id: string }[] = await db.query(
          `SELECT DISTINCT activation_id FROM rm_timeline
           UNION SELECT activation_id FROM rm_activations ORDER BY 1`,
        );
        return rows.map((row) => row.activation_id);
      });
    const deliveries = (scope: { agency: string; role: string; subjectBsn?: string }, eventIds: string[]) =>
      reader.read(scope, (db) =>
        db.query(`SELECT agency, event_id FROM access_request_deliveries($1::uuid[])`, [eventIds]),
      );
    try {
      // Asked for every row, without a WHERE: the database answers the person's activations only.
      expect(await activations(officerOf())).toEqual([]);
      expect(await activations(officerOf(X.bsn))).toEqual([ONE, THREE, TWO]);
      expect(await activations(officerOf(Z.bsn))).toEqual([]);
      expect(await activations({ ...officerOf(X.bsn), agency: 'SVB' })).toEqual([FOUR]);
      // An inspector's transaction with a BSN set gains nothing: the policy is the privacy officer's.
      const inspector = { agency: 'NLA', role: 'INSPECTOR', subjectBsn: X.bsn };
      expect(await deliveries(inspector, events[ONE])).toEqual([]);
      // The feed ledger answers only of events in the agency's rows of those activations.
      expect(await deliveries(officerOf(X.bsn), events[FOUR])).toEqual([]);
      expect(await deliveries(officerOf(), events[ONE])).toEqual([]);
      expect((await deliveries(officerOf(X.bsn), events[ONE])).length).toBeGreaterThan(0);
    } finally {
      await reader.close();
    }
  });

  it('refuses a BSN failing the eleven-test with the domain’s sentence', async () => {
    const refused = await request('123456789', 'JSON');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_INPUT',
      field: 'bsn',
    });
    expect(refused.errors?.[0].message).toContain('BSN 123456789 fails the eleven-test; check the digits.');
  });

  it('refuses an inspector, a coordinator and a policy admin as every access-log read does', async () => {
    for (const token of [scenario.tokens.NLA, scenario.tokens.VR17, scenario.tokens.admin]) {
      const refused = await request(X.bsn, 'JSON', token);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE_MAY_NOT_READ',
      });
      expect(refused.errors?.[0].message).toBe(
        'Only a privacy officer may read the access log; ask your privacy officer (FG) for this information.',
      );
      expect(JSON.stringify(refused)).not.toContain(X.name);
    }
  });
});
