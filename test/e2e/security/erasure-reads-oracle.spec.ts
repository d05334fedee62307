import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * The privacy officers' two reads (subjectAccessRequest, erasureRequests) and the three erasure mutations,
 * probed as a reader who must not learn what another agency holds: every role, of the agency that holds the
 * person (NLA) and of others (UWV outside the case, BD inside it without PERSONAL, VR17 coordinating its
 * region without PERSONAL). Each probe is sent about something that exists but is hidden from the prober
 * and about something that exists nowhere — or once before NLA recorded anything and once after — and the
 * two answers must be the same to the byte (status, headers, body) once the probed value and the moment of
 * the answer are replaced, as in existence-oracle.spec.ts. Timing: the NOT_FOUND floor (docs/benchmarks.md).
 */

const ACTIVATION = 'ero-kas';
/** The person NLA records (passes the eleven-test). */
const X = { subjectId: 'ero-w1', name: 'Ewa Kamińska', bsn: '111222333', nationality: 'PL' };
/** Passes the eleven-test; keten names no one by it. */
const UNKNOWN = '100000010';
/** A free-text reason NLA's officer gives: only NLA's privacy officers may read it. */
const NLA_REASON = 'ERO-REASON-NLA: melding werkgever Kas BV, kamer 3.';
/** The reason the probing officers of other agencies give their own requests. */
const PROBE_REASON = 'Probe.';

const SAR = `query ($bsn: String!, $format: SubjectAccessFormat) {
  subjectAccessRequest(bsn: $bsn, format: $format) { fileName contentType byteLength sha256 base64 }
}`;
const LIST = `query ($status: ErasureStatus, $first: Int) {
  erasureRequests(status: $status, first: $first) {
    erasureId scope activationId ground reason status requestedBy requesterAgency requestedAt
    decidedBy deciderAgency decidedAt decisionReason decidable
  }
}`;
const RESULT = 'erasureId status eventIds duplicate';
const REQUEST = `mutation ($input: RequestErasureInput!) { requestErasure(input: $input) { ${RESULT} } }`;
const APPROVE = `mutation ($input: ApproveErasureInput!) { approveErasure(input: $input) { ${RESULT} } }`;
const REJECT = `mutation ($input: RejectErasureInput!) { rejectErasure(input: $input) { ${RESULT} } }`;
const TIMELINE = `query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }`;

/** Headers that differ between any two requests and say nothing of what is asked (existence-oracle.spec.ts). */
const PER_REQUEST = new Set([
  'date',
  'traceparent',
  'x-request-id',
  'etag',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Document {
  fileName: string;
  contentType: string;
  byteLength: number;
  sha256: string;
  base64: string;
}

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
/** The moment as the PDF prints it (nl-NL, e.g. "3 december 2026 om 14:05"), and pdfkit's dates. */
const DUTCH_MOMENT = /\d{1,2} [a-z]+ \d{4}( om)? \d{2}:\d{2}(:\d{2})?/g;

describe('the privacy officers’ reads and the erasure mutations tell no one what another agency holds', () => {
  const scenario = new FeedsScenario();
  const officers: Record<string, string> = {};
  /** Every role that is not a privacy officer, of the holding agency and of others. */
  const others: Record<string, string> = {};
  /** The answers given before NLA recorded anything: prober → format → document. */
  const before: Record<string, Record<string, Document>> = {};
  let listBefore: Record<string, Answer>;
  let nonOfficerBefore: Record<string, Answer>;
  /** NLA's requests: of X by BSN, and of X's subject in the case. */
  let personRequest: string;
  let caseRequest: string;

  async function post(token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(`${scenario.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!PER_REQUEST.has(name)) headers[name] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  }

  /** The answer with each probed value replaced, so answers about two values compare. */
  const normalised = (answer: Answer, replace: Record<string, string>): Answer => ({
    ...answer,
    body: Object.entries(replace).reduce((body, [value, by]) => body.split(value).join(by), answer.body),
  });

  const sar = async (token: string, bsn: string, format: 'JSON' | 'PDF'): Promise<Document> => {
    const { data, errors } = await graphql<{ subjectAccessRequest: Document }>(
      scenario.url,
      SAR,
      { bsn, format },
      token,
    );
    expect(errors).toBeUndefined();
    return data!.subjectAccessRequest;
  };
  const jsonOf = (document: Document) =>
    JSON.parse(Buffer.from(document.base64, 'base64').toString('utf8')) as Record<string, unknown> & {
      activations: unknown[];
      recipients: unknown[];
      accessLog: { reads: unknown[] };
      dataSubject: { bsn: string; pseudonym: string };
    };
  /** The JSON answer with the moment of the answer (and, across BSNs, the BSN and its pseudonym) blanked. */
  const shapeOf = (document: Document, asked?: { bsn: string; pseudonym: string }) => {
    let text = Buffer.from(document.base64, 'base64').toString('utf8').replace(ISO_MOMENT, '<at>');
    if (asked) text = text.split(asked.bsn).join('<bsn>').split(asked.pseudonym).join('<pseudonym>');
    return text;
  };
  const pdfText = (document: Document, asked?: { bsn: string; pseudonym: string }) => {
    const dir = mkdtempSync(join(tmpdir(), 'keten-ero-'));
    try {
      const file = join(dir, 'answer.pdf');
      writeFileSync(file, Buffer.from(document.base64, 'base64'));
      let text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        DUTCH_MOMENT,
        '<at>',
      );
      if (asked)
        text = text
          .split(asked.bsn)
          .join('<bsn>')
          // The whole pseudonym first (the PDF prints it once), then its first twelve (the running head).
          .split(asked.pseudonym)
          .join('<pseudonym>')
          .split(asked.pseudonym.slice(0, 12))
          .join('<pseudonym>');
      const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)?.[1];
      return { pages, text };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const request = (token: string, input: Record<string, unknown>) => post(token, REQUEST, { input });
  const decide = (token: string, mutation: string, erasureId: string) =>
    post(token, mutation, { input: { erasureId, reason: 'Getoetst.' } });
  const person = (bsn: string, erasureId = randomUUID()) => ({
    erasureId,
    bsn,
    ground: 'UNLAWFULLY_PROCESSED',
    reason: NLA_REASON,
  });
  const caseSubject = (activationId: string, erasureId = randomUUID(), reason = NLA_REASON) => ({
    erasureId,
    activationId,
    subjectId: X.subjectId,
    ground: 'OBJECTION',
    reason,
  });
  const listedBy = async (token: string) => {
    const { data, errors } = await graphql<{ erasureRequests: { erasureId: string }[] }>(
      scenario.url,
      LIST,
      {},
      token,
    );
    expect(errors).toBeUndefined();
    return data!.erasureRequests.map((entry) => entry.erasureId);
  };

  beforeAll(async () => {
    await scenario.start();
    for (const agency of ['NLA', 'UWV', 'BD', 'VR17', 'SVB'])
      officers[agency] = await tokenFor({
        userId: `fg@${agency.toLowerCase()}`,
        agency,
        role: 'PRIVACY_OFFICER',
      });
    officers.NLA2 = await tokenFor({ userId: 'fg2@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    others['NLA inspector'] = scenario.tokens.NLA;
    others['UWV inspector'] = scenario.tokens.UWV;
    others['VR17 coordinator'] = scenario.tokens.VR17;
    others['VR09 coordinator'] = scenario.tokens.VR09;
    others['NLA policy admin'] = scenario.tokens.admin;
    others['UWV policy admin'] = await tokenFor({
      userId: 'beleid@uwv',
      agency: 'UWV',
      role: 'POLICY_ADMIN',
    });
    others['NLA agency system'] = await tokenFor({
      userId: 'system@nla',
      agency: 'NLA',
      role: 'AGENCY_SYSTEM',
    });
    others['UWV agency system'] = await tokenFor({
      userId: 'system@uwv',
      agency: 'UWV',
      role: 'AGENCY_SYSTEM',
    });

    // Before NLA records anyone: what each officer outside NLA is answered, what the list is, what the others get.
    for (const agency of ['UWV', 'BD', 'VR17'])
      before[agency] = {
        JSON: await sar(officers[agency], X.bsn, 'JSON'),
        PDF: await sar(officers[agency], X.bsn, 'PDF'),
      };
    listBefore = {};
    for (const agency of ['UWV', 'BD', 'VR17', 'SVB'])
      listBefore[agency] = await post(officers[agency], LIST, {});
    nonOfficerBefore = {};
    for (const [who, token] of Object.entries(others)) {
      nonOfficerBefore[`${who} sar`] = await post(token, SAR, { bsn: X.bsn, format: 'JSON' });
      nonOfficerBefore[`${who} list`] = await post(token, LIST, {});
    }

    // NLA's case in VR17, BD takes part (no PERSONAL); X in a signal and in a health signal; NLA reads it.
    await scenario.openActivation(ACTIVATION, { region: 'VR17', municipality: 'GM0599', joining: ['BD'] });
    const source = { kind: 'EXTERNAL', name: 'Melder Anoniem' };
    await scenario.act('NLA', 'recordSignal', {
      activationId: ACTIVATION,
      signalId: 'ero-s-1',
      source,
      description: 'Arbeiders slapen in een loods.',
      descriptionCategories: ['PERSONAL'],
      subjects: [X],
    });
    const [last] = await scenario.act('NLA', 'recordSignal', {
      activationId: ACTIVATION,
      signalId: 'ero-s-2',
      source,
      description: 'Bevestigde besmetting.',
      descriptionCategories: ['PERSONAL', 'HEALTH'],
      subjects: [X],
      confirmedInfection: true,
    });
    for (const agency of ['NLA', 'BD', 'VR17']) await scenario.fedTo(agency, last, 15_000);
    await eventually(async () => {
      const { data } = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } | null }>(
        scenario.url,
        TIMELINE,
        { id: ACTIVATION },
        scenario.tokens.NLA,
      );
      return data?.timeline?.edges.some((edge) => edge.node.eventId === last) ?? false;
    }, 15_000);

    // NLA's officer asks for two erasures with a reason of its own; its second officer sees them listed.
    const asked = [person(X.bsn), caseSubject(ACTIVATION)];
    for (const input of asked) {
      const answer = await request(officers.NLA, input);
      expect(JSON.parse(answer.body).errors).toBeUndefined();
    }
    [personRequest, caseRequest] = asked.map((input) => input.erasureId);
    await eventually(async () => {
      const listed = await listedBy(officers.NLA2);
      return listed.includes(personRequest) && listed.includes(caseRequest);
    }, 15_000);
  }, 240_000);

  afterAll(() => scenario.stop());

  describe('subjectAccessRequest', () => {
    it('has something to hide: NLA’s officer is answered with X in NLA’s case', async () => {
      const answer = jsonOf(await sar(officers.NLA, X.bsn, 'JSON'));
      expect(answer.activations).toHaveLength(1);
      expect(JSON.stringify(answer)).toContain(X.name);
    });

    it.each(['UWV', 'BD', 'VR17'])(
      'answers %s’s officer about X after NLA recorded X exactly as before: file name, size, content',
      async (agency) => {
        for (const format of ['JSON', 'PDF'] as const) {
          const now = await sar(officers[agency], X.bsn, format);
          const then = before[agency][format];
          expect({ agency, format, fileName: now.fileName, contentType: now.contentType }).toEqual({
            agency,
            format,
            fileName: then.fileName,
            contentType: then.contentType,
          });
          if (format === 'JSON') {
            // The moment is printed in the same width: the size and, the moment blanked, the bytes are equal.
            expect({ agency, byteLength: now.byteLength }).toEqual({ agency, byteLength: then.byteLength });
            expect(shapeOf(now)).toBe(shapeOf(then));
            expect(jsonOf(now)).toMatchObject({ activations: [], recipients: [], accessLog: { reads: [] } });
          } else {
            // pdfkit stamps and compresses the moment, so the bytes differ by it alone: the text is compared.
            expect(pdfText(now)).toEqual(pdfText(then));
          }
        }
      },
    );

    it.each(['UWV', 'BD', 'VR17'])(
      'answers %s’s officer about X exactly as about a BSN nobody holds, but for the BSN asked',
      async (agency) => {
        for (const format of ['JSON', 'PDF'] as const) {
          const [held, none] = [
            await sar(officers[agency], X.bsn, format),
            await sar(officers[agency], UNKNOWN, format),
          ];
          const extension = format === 'JSON' ? 'json' : 'pdf';
          for (const document of [held, none])
            expect(document.fileName).toMatch(new RegExp(`^inzageverzoek-[0-9a-f]{12}\\.${extension}$`));
          expect(held.contentType).toBe(none.contentType);
          const [heldAsked, noneAsked] = [
            jsonOf(await sar(officers[agency], X.bsn, 'JSON')).dataSubject,
            jsonOf(await sar(officers[agency], UNKNOWN, 'JSON')).dataSubject,
          ];
          if (format === 'JSON') {
            expect({ agency, byteLength: held.byteLength }).toEqual({ agency, byteLength: none.byteLength });
            expect(shapeOf(held, heldAsked)).toBe(shapeOf(none, noneAsked));
          } else {
            expect(pdfText(held, heldAsked)).toEqual(pdfText(none, noneAsked));
          }
        }
      },
    );

    it('refuses every role but a privacy officer with one error, the same for a BSN held as for one nobody holds, before and after', async () => {
      for (const [who, token] of Object.entries(others)) {
        for (const format of ['JSON', 'PDF']) {
          const [held, none] = [
            normalised(await post(token, SAR, { bsn: X.bsn, format }), { [X.bsn]: '<bsn>' }),
            normalised(await post(token, SAR, { bsn: UNKNOWN, format }), { [UNKNOWN]: '<bsn>' }),
          ];
          expect({ who, format, answer: held }).toEqual({ who, format, answer: none });
          expect(JSON.parse(held.body).errors[0].extensions).toMatchObject({
            code: 'FORBIDDEN',
            reason: 'ROLE_MAY_NOT_READ',
          });
        }
        expect({ who, answer: await post(token, SAR, { bsn: X.bsn, format: 'JSON' }) }).toEqual({
          who,
          answer: nonOfficerBefore[`${who} sar`],
        });
      }
    });
  });

  describe('the erasure mutations', () => {
    it('refuse every role but a privacy officer alike, whatever the BSN, the activation or the request', async () => {
      const absentRequest = randomUUID();
      for (const [who, token] of Object.entries(others)) {
        const id = randomUUID();
        const answers = {
          'person held': normalised(await request(token, person(X.bsn, id)), {
            [X.bsn]: '<x>',
            [id]: '<id>',
          }),
          'person nobody holds': normalised(await request(token, person(UNKNOWN, id)), {
            [UNKNOWN]: '<x>',
            [id]: '<id>',
          }),
          'case held': normalised(await request(token, caseSubject(ACTIVATION, id)), {
            [ACTIVATION]: '<a>',
            [id]: '<id>',
          }),
          'case absent': normalised(await request(token, caseSubject('ero-nowhere', id)), {
            'ero-nowhere': '<a>',
            [id]: '<id>',
          }),
        };
        const first = Object.values(answers)[0];
        for (const [probe, answer] of Object.entries(answers))
          expect({ who, probe, answer }).toEqual({ who, probe, answer: first });
        expect(JSON.parse(first.body).errors[0].extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'ROLE_NOT_ALLOWED',
        });
        for (const mutation of [APPROVE, REJECT]) {
          const [existing, absent] = [
            normalised(await decide(token, mutation, personRequest), { [personRequest]: '<id>' }),
            normalised(await decide(token, mutation, absentRequest), { [absentRequest]: '<id>' }),
          ];
          expect({ who, answer: existing }).toEqual({ who, answer: absent });
          expect(JSON.parse(existing.body).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
        }
      }
    });

    it('answer an officer’s request about a case it cannot see as about one that does not exist', async () => {
      for (const agency of ['UWV', 'BD', 'VR17']) {
        const [hiddenId, absentId] = [randomUUID(), randomUUID()];
        const hidden = normalised(
          await request(officers[agency], caseSubject(ACTIVATION, hiddenId, PROBE_REASON)),
          {
            [hiddenId]: '<id>',
            [ACTIVATION]: '<a>',
          },
        );
        const absent = normalised(
          await request(officers[agency], caseSubject('ero-nowhere', absentId, PROBE_REASON)),
          {
            [absentId]: '<id>',
            'ero-nowhere': '<a>',
          },
        );
        const stripped = (answer: Answer) => ({
          ...answer,
          body: answer.body.replace(/"eventIds":\["[0-9a-f-]{36}"\]/, '"eventIds":["<event>"]'),
        });
        expect({ agency, answer: stripped(hidden) }).toEqual({ agency, answer: stripped(absent) });
        expect(JSON.parse(hidden.body).errors).toBeUndefined();
      }
    });

    it('refuse the requester deciding their own request alike, whether or not keten holds whom it names', async () => {
      const pairs: [Record<string, unknown>, Record<string, unknown>, string][] = [
        [person(X.bsn), person(UNKNOWN), 'person'],
        [caseSubject(ACTIVATION), caseSubject('ero-nowhere'), 'case subject'],
      ];
      for (const [held, none, what] of pairs) {
        for (const input of [held, none])
          expect(JSON.parse((await request(officers.NLA, input)).body).errors).toBeUndefined();
        for (const mutation of [APPROVE, REJECT]) {
          const answers = [held, none].map(async (input) =>
            normalised(await decide(officers.NLA, mutation, input.erasureId as string), {
              [input.erasureId as string]: '<id>',
            }),
          );
          const [onHeld, onNone] = await Promise.all(answers);
          expect({ what, answer: onHeld }).toEqual({ what, answer: onNone });
          expect(JSON.parse(onHeld.body).errors[0]).toMatchObject({
            message: 'You asked for this erasure; a second privacy officer approves or rejects it.',
            extensions: { code: 'FORBIDDEN', reason: 'OWN_REQUEST' },
          });
        }
      }
    });
  });

  describe('erasureRequests', () => {
    it('refuses every role but a privacy officer with one error, before and after requests exist', async () => {
      for (const [who, token] of Object.entries(others)) {
        const now = await post(token, LIST, {});
        expect({ who, answer: now }).toEqual({ who, answer: nonOfficerBefore[`${who} list`] });
        expect(JSON.parse(now.body).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
        for (const status of ['REQUESTED', 'APPROVED', 'REJECTED'])
          expect({ who, status, answer: await post(token, LIST, { status }) }).toEqual({
            who,
            status,
            answer: nonOfficerBefore[`${who} list`],
          });
      }
    });
  });

  // Last: on code that lets another agency's officer decide NLA's requests, these probes decide them (of a
  // BSN nobody holds, so that nothing real is erased).
  describe('another agency’s erasure requests', () => {
    it('are neither listed nor counted for an officer of another agency, nor their reasons', async () => {
      const own = await post(officers.NLA2, LIST, {});
      expect(own.body).toContain(personRequest);
      expect(own.body).toContain(NLA_REASON);
      // SVB asked for nothing: its list is what it was before NLA asked, to the byte, whatever is asked.
      for (const variables of [{}, { status: 'REQUESTED' }, { first: 1 }])
        expect({ variables, answer: await post(officers.SVB, LIST, variables) }).toEqual({
          variables,
          answer: listBefore.SVB,
        });
      // The others asked for erasures of their own above: their lists hold those, and none of NLA's.
      for (const agency of ['UWV', 'BD', 'VR17']) {
        const [{ n }]: { n: number }[] = await scenario.database.dataSource.query(
          `SELECT count(*)::int AS n FROM events
           WHERE type = 'erasure.requested' AND data->>'requesterAgency' = $1`,
          [agency],
        );
        for (const variables of [{}, { status: 'REQUESTED' }]) {
          const listOf = async () => {
            const now = await post(officers[agency], LIST, variables);
            expect(now.body).not.toContain(NLA_REASON);
            return (JSON.parse(now.body) as { data: { erasureRequests: { requesterAgency: string }[] } }).data
              .erasureRequests;
          };
          // The list is the worker's projection: wait until it holds the agency's own requests.
          await eventually(async () => (await listOf()).length >= n, 15_000).catch(() => undefined);
          const listed = await listOf();
          expect({ agency, variables, agencies: [...new Set(listed.map((e) => e.requesterAgency))] }).toEqual(
            {
              agency,
              variables,
              agencies: n > 0 ? [agency] : [],
            },
          );
          expect({ agency, variables, count: listed.length }).toEqual({ agency, variables, count: n });
        }
      }
    });

    it('answer a decision on another agency’s request as one on a request that does not exist', async () => {
      for (const agency of ['UWV', 'BD', 'VR17']) {
        for (const mutation of [APPROVE, REJECT]) {
          const hidden = randomUUID();
          const absent = randomUUID();
          expect(
            JSON.parse((await request(officers.NLA, person(UNKNOWN, hidden))).body).errors,
          ).toBeUndefined();
          const [onHidden, onAbsent] = [
            normalised(await decide(officers[agency], mutation, hidden), { [hidden]: '<id>' }),
            normalised(await decide(officers[agency], mutation, absent), { [absent]: '<id>' }),
          ];
          expect({ agency, mutation, answer: onHidden }).toEqual({ agency, mutation, answer: onAbsent });
          expect(JSON.parse(onAbsent.body).errors[0].extensions).toMatchObject({
            code: 'NOT_FOUND',
            reason: 'NOT_FOUND',
          });
          // And nothing was decided: NLA's second officer may still decide it.
          const [stream]: { n: number }[] = await scenario.database.dataSource.query(
            'SELECT count(*)::int AS n FROM events WHERE stream_id = $1',
            [`erasure-${hidden}`],
          );
          expect({ agency, events: stream.n }).toEqual({ agency, events: 1 });
        }
      }
    });
  });
});
