import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * Issue 19 item 2: erasure as a use case, through the api with real tokens. A privacy officer asks, a
 * second one decides (four eyes); only privacy officers act; bad input writes nothing; and no answer tells
 * whether keten holds the person or the activation named (an existence oracle otherwise).
 */

const ACTIVATION = 'erasure-kas';
const KNOWN_BSN = '123456782';
/** Passes the eleven-test, and no activation names it. */
const UNKNOWN_BSN = '111222333';

const RESULT = 'erasureId status duplicate';
const REQUEST = `mutation ($input: RequestErasureInput!) { requestErasure(input: $input) { ${RESULT} } }`;
const APPROVE = `mutation ($input: ApproveErasureInput!) { approveErasure(input: $input) { ${RESULT} } }`;
const REJECT = `mutation ($input: RejectErasureInput!) { rejectErasure(input: $input) { ${RESULT} } }`;
const LIST = `query ($status: ErasureStatus) {
  erasureRequests(status: $status) {
    erasureId scope activationId ground reason status requestedBy requesterAgency requestedAt
    decidedBy deciderAgency decidedAt decisionReason decidable
  }
}`;

interface Result {
  erasureId: string;
  status: string;
  duplicate: boolean;
}
interface Listed {
  erasureId: string;
  scope: string;
  activationId: string | null;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  decidable: boolean;
  [field: string]: unknown;
}

describe('erasure of a data subject: four eyes, privacy officers only, and no existence oracle', () => {
  const scenario = new FeedsScenario();
  let officerA: string;
  let officerB: string;
  let otherAgencyOfficer: string;
  let db: Client;

  const request = (input: Record<string, unknown>, token = officerA) =>
    graphql<{ requestErasure: Result }>(scenario.url, REQUEST, { input }, token);
  const approve = (erasureId: string, token: string) =>
    graphql<{ approveErasure: Result }>(
      scenario.url,
      APPROVE,
      { input: { erasureId, reason: 'Getoetst: grondslag ontbrak.' } },
      token,
    );
  const reject = (erasureId: string, token: string) =>
    graphql<{ rejectErasure: Result }>(
      scenario.url,
      REJECT,
      { input: { erasureId, reason: 'Bewaarplicht loopt nog.' } },
      token,
    );
  const listed = async (token: string, erasureId: string, status?: string) => {
    const { data, errors } = await graphql<{ erasureRequests: Listed[] }>(
      scenario.url,
      LIST,
      { status },
      token,
    );
    expect(errors).toBeUndefined();
    return data!.erasureRequests.find((entry) => entry.erasureId === erasureId);
  };
  const streamEvents = async (erasureId: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`erasure-${erasureId}`]))
      .rows[0].n as number;
  const person = (bsn: string) => ({
    bsn,
    ground: 'UNLAWFULLY_PROCESSED',
    reason: 'Vastgelegd zonder grondslag.',
  });
  const refusal = (response: GraphqlResponse) => response.errors?.[0];

  beforeAll(async () => {
    await scenario.start();
    officerA = await tokenFor({ userId: 'fg@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    officerB = await tokenFor({ userId: 'fg2@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    otherAgencyOfficer = await tokenFor({ userId: 'fg@gm0599', agency: 'GM0599', role: 'PRIVACY_OFFICER' });
    await scenario.openActivation(ACTIVATION, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599'],
    });
    await scenario.act('NLA', 'recordFinding', {
      activationId: ACTIVATION,
      findingId: 'er-f-1',
      category: 'PERSONAL',
      description: 'Niet ingeschreven in de BRP.',
      subjects: [{ subjectId: 'er-p-1', name: 'Marta Wiśniewska', bsn: KNOWN_BSN }],
    });
    db = new Client({ connectionString: scenario.database.url });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await scenario.stop();
  });

  it('takes effect only when a second privacy officer approves: not the requester', async () => {
    const asked = await request(person(KNOWN_BSN));
    expect(asked.errors).toBeUndefined();
    const { erasureId } = asked.data!.requestErasure;
    expect(asked.data!.requestErasure).toEqual({ erasureId, status: 'REQUESTED', duplicate: false });
    await eventually(async () => (await listed(officerB, erasureId))?.status === 'REQUESTED', 10_000);
    expect(await listed(officerA, erasureId)).toMatchObject({ decidable: false, scope: 'PERSON' });
    expect(await listed(officerB, erasureId)).toMatchObject({ decidable: true });

    const own = await approve(erasureId, officerA);
    expect(own.data?.approveErasure ?? null).toBeNull();
    expect(refusal(own)).toMatchObject({
      message: 'You asked for this erasure; a second privacy officer approves or rejects it.',
      extensions: { code: 'FORBIDDEN', reason: 'OWN_REQUEST' },
    });
    expect(refusal(await reject(erasureId, officerA))?.extensions).toMatchObject({ reason: 'OWN_REQUEST' });

    const approved = await approve(erasureId, officerB);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveErasure).toEqual({ erasureId, status: 'APPROVED', duplicate: false });
    await eventually(
      async () => (await listed(officerA, erasureId, 'APPROVED'))?.status === 'APPROVED',
      10_000,
    );
    const entry = await listed(officerA, erasureId);
    expect(entry).toMatchObject({
      scope: 'PERSON',
      activationId: null,
      ground: 'UNLAWFULLY_PROCESSED',
      reason: 'Vastgelegd zonder grondslag.',
      requestedBy: 'fg@nla',
      requesterAgency: 'NLA',
      decidedBy: 'fg2@nla',
      deciderAgency: 'NLA',
      decisionReason: 'Getoetst: grondslag ontbrak.',
      decidable: false,
    });
    expect(await listed(officerA, erasureId, 'REQUESTED')).toBeUndefined();
    // Decided once: a second decision is refused with what to do instead.
    expect(refusal(await reject(erasureId, officerB))).toMatchObject({
      extensions: { code: 'DOMAIN_RULE', reason: 'ALREADY_DECIDED' },
    });
    // The list names no one erased: neither the BSN nor any pseudonym (a 64-hex digest).
    const all = JSON.stringify((await graphql(scenario.url, LIST, {}, officerB)).data);
    expect(all).not.toContain(KNOWN_BSN);
    expect(all).not.toMatch(/[0-9a-f]{64}/);
  });

  it('is rejected by a second privacy officer of the requester’s agency; to another agency it does not exist', async () => {
    const asked = await request({
      activationId: ACTIVATION,
      subjectId: 'er-p-1',
      ground: 'OBJECTION',
      reason: 'Bezwaar van betrokkene gegrond verklaard.',
    });
    expect(asked.errors).toBeUndefined();
    const { erasureId } = asked.data!.requestErasure;
    // Another agency's officer is answered as for an erasure that does not exist, and decides nothing.
    const absentId = randomUUID();
    const [onHidden, onAbsent] = [
      await reject(erasureId, otherAgencyOfficer),
      await reject(absentId, otherAgencyOfficer),
    ];
    expect(JSON.stringify(onHidden).split(erasureId).join('<id>')).toBe(
      JSON.stringify(onAbsent).split(absentId).join('<id>'),
    );
    expect(refusal(onAbsent)).toMatchObject({
      message: `There is no erasure ${absentId}; check the id.`,
      extensions: { code: 'NOT_FOUND', field: 'erasureId' },
    });
    expect(await streamEvents(erasureId)).toBe(1);
    const rejected = await reject(erasureId, officerB);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectErasure).toEqual({ erasureId, status: 'REJECTED', duplicate: false });
    await eventually(async () => (await listed(officerB, erasureId))?.status === 'REJECTED', 10_000);
    expect(await listed(officerB, erasureId)).toMatchObject({
      scope: 'CASE_SUBJECT',
      activationId: ACTIVATION,
      decidedBy: 'fg2@nla',
      deciderAgency: 'NLA',
      decisionReason: 'Bewaarplicht loopt nog.',
    });
    expect(await listed(otherAgencyOfficer, erasureId)).toBeUndefined();
    expect(refusal(await approve(erasureId, officerB))?.extensions).toMatchObject({
      reason: 'ALREADY_DECIDED',
    });
  });

  it('refuses everyone but privacy officers, saying whom to ask, and writes nothing', async () => {
    const erasureId = randomUUID();
    for (const token of [scenario.tokens.NLA, scenario.tokens.VR17, scenario.tokens.admin]) {
      const refused = await request({ erasureId, ...person(KNOWN_BSN) }, token);
      expect(refused.data?.requestErasure ?? null).toBeNull();
      expect(refusal(refused)).toMatchObject({
        message: expect.stringMatching(
          /cannot ask for or decide on an erasure; ask your privacy officer \(FG\)/,
        ),
        extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
      });
      const listing = await graphql(scenario.url, LIST, {}, token);
      expect(refusal(listing)).toMatchObject({
        message: expect.stringMatching(/^Only a privacy officer may read the erasure requests/),
        extensions: { code: 'FORBIDDEN' },
      });
    }
    expect(await streamEvents(erasureId)).toBe(0);
  });

  it('refuses a BSN failing the eleven-test, and a reason naming a BSN, with the field at fault, and writes nothing', async () => {
    const badBsn = randomUUID();
    const refused = await request({ erasureId: badBsn, ...person('123456789') });
    expect(refusal(refused)).toMatchObject({
      message: 'BSN 123456789 fails the eleven-test; check the digits.',
      extensions: { code: 'BAD_USER_INPUT', field: 'bsn' },
    });
    const namingBsn = randomUUID();
    const naming = await request({
      erasureId: namingBsn,
      ...person(KNOWN_BSN),
      reason: `BSN ${KNOWN_BSN} is onterecht vastgelegd.`,
    });
    expect(refusal(naming)).toMatchObject({
      message: 'The reason names a BSN, and it is kept after the erasure; say why without naming the person.',
      extensions: { code: 'BAD_USER_INPUT', field: 'reason' },
    });
    expect(JSON.stringify(naming)).not.toContain(KNOWN_BSN);
    expect(await streamEvents(badBsn)).toBe(0);
    expect(await streamEvents(namingBsn)).toBe(0);
    expect(await listed(officerA, badBsn)).toBeUndefined();
  });

  it('answers a request for a person or a case keten never saw exactly as one it holds', async () => {
    const strip = ({ data, errors, status }: GraphqlResponse<{ requestErasure: Result }>) => ({
      status,
      errors,
      result: data && { ...data.requestErasure, erasureId: undefined },
    });
    const known = await request(person(KNOWN_BSN));
    const unknown = await request(person(UNKNOWN_BSN));
    expect(known.errors).toBeUndefined();
    expect(strip(unknown)).toEqual(strip(known));

    const subject = (activationId: string, subjectId: string) => ({
      activationId,
      subjectId,
      ground: 'NO_LONGER_NEEDED',
      reason: 'Niet meer nodig voor het onderzoek.',
    });
    const held = await request(subject(ACTIVATION, 'er-p-1'));
    const absent = await request(subject(`nooit-${randomUUID()}`, 'er-p-1'));
    // An activation of another agency's, that the officer's agency (BD) does not take part in.
    const bdOfficer = await tokenFor({ userId: 'fg@bd', agency: 'BD', role: 'PRIVACY_OFFICER' });
    const hidden = await request(subject(ACTIVATION, 'er-p-1'), bdOfficer);
    expect(held.errors).toBeUndefined();
    expect(strip(absent)).toEqual(strip(held));
    expect(strip(hidden)).toEqual(strip(held));
    // And the same for the approval: it tells nothing either.
    const approvals = await Promise.all(
      [known, unknown].map((asked) => approve(asked.data!.requestErasure.erasureId, officerB)),
    );
    expect(approvals[1].errors).toBeUndefined();
    expect({ ...approvals[1].data!.approveErasure, erasureId: undefined }).toEqual({
      ...approvals[0].data!.approveErasure,
      erasureId: undefined,
    });
  });
});
