import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * A data subject's access request (AVG art. 15, issue 19): person X is named in three activations opened
 * by three agencies (NLA, the municipality, UWV), nobody of NLA ever read two of them, and person Y shares
 * a signal with X and has a case of their own. NLA's privacy officer's export holds every activation of
 * X, every value recorded of X, every agency that received X's data with the categories and times the feed
 * ledger says, and every line of NLA's access log of X; nothing of Y. As JSON, and as a PDF in Dutch.
 */

const X = { name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL', birthDate: '1990-04-01' };
const Y = { name: 'Piotr Nowak', bsn: '123456782', nationality: 'PL' };

const ONE = 'sar-one'; // NLA's, the municipality joins: X (w1) and Y (w2) in one signal, a CRIMINAL finding on w1
const TWO = 'sar-two'; // the municipality's own: X as k7
const THREE = 'sar-three'; // UWV's, in Utrecht: X
const OTHER = 'sar-other'; // NLA's: Y only

const REQUEST = `query ($bsn: String!, $format: SubjectAccessFormat) {
  subjectAccessRequest(bsn: $bsn, format: $format) { fileName contentType byteLength sha256 base64 }
}`;
const OLD_REQUEST = `query ($bsn: String!) { accessRequestExport(bsn: $bsn) { base64 } }`;
const ACCESS_LOG = `query ($filter: AccessLogFilter) {
  accessLog(filter: $filter, first: 100) { edges { node { id recordedAt agency role operation activationId categories traceId } } }
}`;
const TIMELINE = `query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }`;

interface Line {
  id: string;
  recordedAt: string;
  agency: string;
  operation: string;
  activationId: string;
  traceId: string;
}

interface Answer {
  kind: string;
  dataSubject: { bsn: string; pseudonym: string; type: string };
  answeredBy: { agency: string };
  activations: {
    activationId: string;
    leadAgency: string;
    openedBy: string;
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
    otherRecipients: string[];
  };
}

describe('subject access request (AVG art. 15): everything keten holds about one person', () => {
  const scenario = new FeedsScenario();
  let officer: string;
  const events: Record<string, string[]> = {};
  let answer: Answer;
  /** NLA's lines of X when the export was made. */
  let linesBefore: Line[];

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
  const open = (agency: string, activationId: string, region: string, municipality: string) =>
    act(agency, 'openActivation', {
      activationId,
      kind: 'PREVENTIVE',
      title: 'Inzagetest',
      trigger: 'OWN_OBSERVATION',
      themes: ['WORK'],
      region,
      municipality,
      leadAgency: agency,
    });
  const signal = (agency: string, activationId: string, signalId: string, subjects: object[]) =>
    act(agency, 'recordSignal', {
      activationId,
      signalId,
      source: { kind: 'EXTERNAL', name: 'Melder Anoniem-Niet' },
      description: 'Arbeiders slapen in een loods.',
      descriptionCategories: ['PERSONAL'],
      subjects,
    });
  const request = async (bsn: string, format: 'JSON' | 'PDF', token = officer) =>
    graphql<{ subjectAccessRequest: { fileName: string; contentType: string; base64: string } }>(
      scenario.url,
      REQUEST,
      { bsn, format },
      token,
    );
  const linesOf = async (bsn: string) => {
    const { data, errors } = await graphql<{ accessLog: { edges: { node: Line }[] } }>(
      scenario.url,
      ACCESS_LOG,
      { filter: { bsn } },
      officer,
    );
    expect(errors).toBeUndefined();
    return data!.accessLog.edges.map((edge) => edge.node);
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

    await open('NLA', ONE, 'VR17', 'GM0599');
    await act('NLA', 'inviteAgency', { activationId: ONE, agency: 'GM0599' });
    await act('GM0599', 'joinActivation', { activationId: ONE });
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

    await open('GM0599', TWO, 'VR17', 'GM0599');
    await signal('GM0599', TWO, 's-2', [{ subjectId: 'k7', name: X.name, bsn: X.bsn }]);

    await open('UWV', THREE, 'VR09', 'GM0344');
    await signal('UWV', THREE, 's-3', [{ subjectId: 'p1', name: X.name, bsn: X.bsn, nationality: 'PL' }]);

    await open('NLA', OTHER, 'VR17', 'GM0599');
    await signal('NLA', OTHER, 's-4', [{ subjectId: 'w1', ...Y }]);

    for (const [agency, activationId] of [
      ['NLA', ONE],
      ['GM0599', TWO],
      ['UWV', THREE],
      ['NLA', OTHER],
    ])
      await scenario.fedTo(agency, events[activationId].at(-1)!, 15_000);
    // NLA reads its case (its access log has X's lines); the municipality reads its own (its log, not NLA's).
    await readTimeline('NLA', ONE);
    await readTimeline('GM0599', TWO);

    linesBefore = await linesOf(X.bsn);
    const { data, errors } = await request('1112.22.333', 'JSON');
    expect(errors).toBeUndefined();
    expect(data!.subjectAccessRequest.contentType).toBe('application/json');
    answer = JSON.parse(Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString('utf8')) as Answer;
  }, 240_000);

  afterAll(() => scenario.stop());

  it('holds every activation that names the person, whoever opened it, and no other', () => {
    expect(answer.kind).toBe('keten.subject-access-request');
    expect(answer.dataSubject).toMatchObject({ bsn: X.bsn, type: 'BSN' });
    expect(answer.dataSubject.pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.activations.map((a) => a.activationId).sort()).toEqual([ONE, THREE, TWO].sort());
    const byId = new Map(answer.activations.map((a) => [a.activationId, a]));
    expect(byId.get(ONE)).toMatchObject({ leadAgency: 'NLA', openedBy: 'NLA', subjectIds: ['w1'] });
    expect(byId.get(TWO)).toMatchObject({ leadAgency: 'GM0599', openedBy: 'GM0599', subjectIds: ['k7'] });
    expect(byId.get(THREE)).toMatchObject({ leadAgency: 'UWV', openedBy: 'UWV', subjectIds: ['p1'] });
  });

  it('holds every value recorded of the person, and nothing of anyone else', () => {
    const one = answer.activations.find((a) => a.activationId === ONE)!;
    expect(one.entries.map((e) => e.type)).toEqual(['signal.recorded', 'finding.recorded']);
    const [signal, finding] = one.entries;
    expect(signal.person).toEqual([{ subjectId: 'w1', ...X }]);
    expect(signal.categories).toEqual(['PERSONAL']);
    expect(signal.context).toMatchObject({
      signalId: 's-1',
      description: { text: 'Arbeiders slapen in een loods.' },
    });
    expect(finding.person).toEqual([{ subjectId: 'w1', name: 'J. Kowalski' }]);
    expect(finding.categories).toEqual(expect.arrayContaining(['PERSONAL', 'CRIMINAL']));
    expect(finding.context).toMatchObject({ findingId: 'f-1', category: 'CRIMINAL' });
    const two = answer.activations.find((a) => a.activationId === TWO)!;
    expect(two.entries.map((e) => e.person)).toEqual([[{ subjectId: 'k7', name: X.name, bsn: X.bsn }]]);
    const three = answer.activations.find((a) => a.activationId === THREE)!;
    expect(three.entries.map((e) => [e.recordedBy, e.person])).toEqual([
      ['UWV', [{ subjectId: 'p1', name: X.name, bsn: X.bsn, nationality: 'PL' }]],
    ]);

    const text = JSON.stringify(answer);
    for (const other of [Y.name, Y.bsn, 'w2', OTHER, 'Melder Anoniem-Niet'])
      expect(text).not.toContain(other);
  });

  it('names every agency that received the person’s data, with the categories and when, as the feed ledger says', async () => {
    const recipients = new Map(answer.recipients.map((r) => [r.agency, r]));
    // NLA and the municipality in case one (the municipality has no CRIMINAL: the finding never reached
    // it), the municipality in its own case, UWV in its own; the regions' coordinators hold no PERSONAL.
    expect([...recipients.keys()].sort()).toEqual(['GM0599', 'NLA', 'UWV']);
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
    expect(eventIdsOf('NLA')).toEqual([signalOne.eventId, findingOne.eventId].sort());
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
    expect(answer.accessLog.otherRecipients.sort()).toEqual(['GM0599', 'UWV']);
  });

  it("holds every line of the officer's agency's access log of the person, and logs the export itself", async () => {
    // Every line of NLA about X when the export was made (the timeline read; no other agency's).
    expect(linesBefore.length).toBeGreaterThan(0);
    expect(linesBefore.every((line) => line.agency === 'NLA' && line.activationId === ONE)).toBe(true);
    expect(answer.accessLog.agency).toBe('NLA');
    const key = (line: { recordedAt: string; traceId: string; operation: string; activationId: string }) =>
      `${new Date(line.recordedAt).toISOString()} ${line.traceId} ${line.operation} ${line.activationId}`;
    const answered = answer.accessLog.reads.map(key);
    expect(answered).toEqual(expect.arrayContaining(linesBefore.map(key)));
    // The relay may log a Kafka delivery while the export runs: what the answer holds more is such a line.
    const lines = await linesOf(X.bsn);
    expect(lines.map(key)).toEqual(expect.arrayContaining(answered));
    expect(answered).toHaveLength(new Set(answered).size);
    // The export read X's data in three cases: one line per case, by the privacy officer.
    const own = lines.filter((line) => line.operation === 'subjectAccessRequest');
    expect(own.map((line) => line.activationId).sort()).toEqual([ONE, THREE, TWO].sort());
    // The next answer holds it.
    const { data } = await request(X.bsn, 'JSON');
    const again = JSON.parse(Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString()) as Answer;
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
        'Signaal vastgelegd',
        'Ontvangers',
        'GM0599: PERSONAL',
        'UWV: PERSONAL',
        'NLA: CRIMINAL, PERSONAL',
        'Inzage door NLA (toegangslog)',
      ])
        expect(text).toContain(expected);
      for (const other of [Y.name, Y.bsn, OTHER]) expect(text).not.toContain(other);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing of a person keten holds nothing of, and refuses a BSN failing the eleven-test', async () => {
    // 100000009 passes the eleven-test; keten names no one by it.
    const { data, errors } = await request('100000009', 'JSON');
    expect(errors).toBeUndefined();
    const empty = JSON.parse(Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString()) as Answer;
    expect(empty).toMatchObject({ activations: [], recipients: [], accessLog: { reads: [] } });
    const refused = await request('123456789', 'JSON');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors)).toContain(
      'BSN 123456789 fails the eleven-test; check the digits.',
    );
  });

  it('refuses anyone but a privacy officer, as the access-request export does', async () => {
    for (const agency of ['NLA', 'VR17']) {
      const refused = await request(X.bsn, 'JSON', scenario.tokens[agency]);
      const old = await graphql(scenario.url, OLD_REQUEST, { bsn: X.bsn }, scenario.tokens[agency]);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toBe(old.errors?.[0].message);
      expect(JSON.stringify(refused)).not.toContain(X.name);
    }
  });
});
