import { randomUUID } from 'node:crypto';
import { activationStreamId } from '#events';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { ActivationMutation, openPreventiveInput } from '../activations/activation-mutations.fixture.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * An agency that may not see an activation must not be able to tell it from one that does not exist: not by
 * the error code, the reason, the message, the field, the HTTP status or the headers, for any mutation or
 * read, whatever version it claims to have seen. Each probe is sent twice, once with the id of an activation
 * that exists but is hidden from the prober, once with an id of the same length that exists nowhere, and the
 * two answers must be the same to the byte once that id is replaced. (Timing: bench/security, see
 * docs/security.md.)
 */

/** A valid input for each mutation on an existing activation, so that only visibility can refuse it. */
const PROBES: [ActivationMutation, Record<string, unknown>][] = [
  ['recordSignal', { signalId: 's-probe', source: { kind: 'ANONYMOUS' }, description: 'Probe.' }],
  ['inviteAgency', { agency: 'SVB' }],
  ['joinActivation', {}],
  ['leaveActivation', { reason: 'Probe.' }],
  ['escalateActivation', { triggeredBy: { kind: 'SIGNAL', id: 's-probe' } }],
  [
    'scheduleInspection',
    {
      inspectionId: 'i-probe',
      plannedAt: '2026-06-02T09:30:00+02:00',
      location: { address: 'Kasweg 12', city: 'Rotterdam' },
    },
  ],
  ['completeInspection', { inspectionId: 'i-probe', outcomeSummary: 'Probe.' }],
  ['cancelInspection', { inspectionId: 'i-probe', reason: 'Probe.' }],
  ['recordFinding', { findingId: 'f-probe', category: 'HEALTH', description: 'Probe.' }],
  ['imposeIntervention', { interventionType: 'WARNING', description: 'Probe.' }],
  ['makeReferral', { toAgency: 'BD', reason: 'Probe.' }],
  ['decideIntegratedDeployment', { integrated: false, agencies: [], rationale: 'Probe.' }],
  ['fileReport', { summary: 'Probe.', outcome: 'Probe.' }],
  ['closeActivation', { outcome: 'Probe.' }],
  ['reopenActivation', { reason: 'Probe.' }],
  ['transferLead', { toAgency: 'BD', reason: 'Probe.' }],
  ['proposeClosing', { reason: 'Probe.' }],
  ['declineInvitation', { reason: 'Probe.' }],
  // Corrections: s-1 exists in the hidden activation, recorded by NLA.
  [
    'correctSubject',
    { entryKind: 'SIGNAL', entryId: 's-1', subject: { subjectId: 'w1', name: 'Probe' }, reason: 'Probe.' },
  ],
  ['correctFinding', { findingId: 'f-probe', description: 'Probe.', reason: 'Probe.' }],
  ['withdrawEntry', { entryKind: 'SIGNAL', entryId: 's-1', reason: 'Probe.' }],
  ['correctLocation', { location: { address: 'Kasweg 12', city: 'Rotterdam' }, reason: 'Probe.' }],
  ['correctEmployer', { employer: { name: 'Probe BV' }, reason: 'Probe.' }],
  ['correctRegion', { region: 'VR09', municipality: 'GM0344', reason: 'Probe.' }],
];

const READS: [string, string][] = [
  ['activation', 'query ($id: ID!) { activation(id: $id) { id status } }'],
  ['timeline', 'query ($id: ID!) { timeline(activationId: $id) { edges { node { eventId } } } }'],
  ['processReport', 'query ($id: ID!) { processReport(activationId: $id) { sha256 } }'],
];

/**
 * Headers that differ between any two requests and say nothing about the activation: a date, a trace, and
 * the caller's own rate-limit budget, which every request spends.
 */
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

describe('an agency cannot tell a hidden activation from one that does not exist', () => {
  const scenario = new FeedsScenario();
  const hidden = randomUUID();
  const absent = randomUUID();
  const probers: Record<string, string> = {};

  beforeAll(async () => {
    await scenario.start();
    const opened = openPreventiveInput({ activationId: hidden });
    await scenario.act('NLA', 'openActivation', opened);
    await scenario.act('NLA', 'inviteAgency', { activationId: hidden, agency: 'GM0599' });
    await scenario.act('GM0599', 'joinActivation', { activationId: hidden });
    await scenario.act('NLA', 'recordSignal', {
      activationId: hidden,
      signalId: 's-1',
      source: { kind: 'ANONYMOUS' },
      description: 'Workers sleep in a shed.',
    });
    // SVB holds agreements but takes no part; VR09 coordinates another region; UWV's token claims the
    // coordinator role for VR17, which only the safety region itself (or whom configuration names) has.
    probers['SVB inspector'] = scenario.tokens.SVB;
    probers['VR09 coordinator'] = scenario.tokens.VR09;
    probers['UWV claiming VR17'] = await tokenFor({
      userId: 'coord@uwv',
      agency: 'UWV',
      role: 'COORDINATOR',
      region: 'VR17',
    });
    // The activation is there for those who may see it, projected and all.
    await eventually(
      async () => (await read(scenario.tokens.NLA, READS[0][1], hidden)).body.includes(hidden),
      30_000,
    );
  }, 180_000);

  afterAll(() => scenario.stop());

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

  const mutate = (token: string, name: ActivationMutation, input: Record<string, unknown>) =>
    post(
      token,
      `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { activationId eventIds } }`,
      { input },
    );

  const read = (token: string, query: string, id: string) => post(token, query, { id });

  /** The answer with the probed id replaced, so answers about two ids compare. */
  const normalised = (answer: Answer, id: string): Answer => ({
    ...answer,
    body: answer.body.split(id).join('<id>'),
  });

  it.each(PROBES)('answers %s about a hidden activation as about none', async (name, input) => {
    for (const [prober, token] of Object.entries(probers)) {
      const about = async (id: string) =>
        normalised(await mutate(token, name, { ...input, activationId: id }), id);
      const [onHidden, onAbsent] = [await about(hidden), await about(absent)];
      expect({ prober, name, answer: onHidden }).toEqual({ prober, name, answer: onAbsent });
      expect(JSON.parse(onAbsent.body).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('answers a claimed version of a hidden activation as of none', async () => {
    const claimed = 'v1.AAAAAAAAAAAAAAAAAAAAAA';
    for (const [prober, token] of Object.entries(probers)) {
      const about = async (id: string) =>
        normalised(
          await mutate(token, 'recordFinding', {
            activationId: id,
            expectedVersion: claimed,
            findingId: 'f-probe',
            category: 'HEALTH',
            description: 'Probe.',
          }),
          id,
        );
      expect({ prober, answer: await about(hidden) }).toEqual({ prober, answer: await about(absent) });
    }
  });

  it.each(READS)('answers the %s query about a hidden activation as about none', async (_name, query) => {
    for (const [prober, token] of Object.entries(probers)) {
      const [onHidden, onAbsent] = [
        normalised(await read(token, query, hidden), hidden),
        normalised(await read(token, query, absent), absent),
      ];
      expect({ prober, answer: onHidden }).toEqual({ prober, answer: onAbsent });
      expect(JSON.parse(onAbsent.body).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  /** Uploads a small PNG as the token's agency and answers its uploadId. */
  const uploadPng = async (token: string): Promise<string> => {
    const form = new FormData();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('IHDR'),
      Buffer.alloc(64),
    ]);
    form.append('file', new Blob([png]), 'probe.png');
    const response = await fetch(`${scenario.url}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { uploadId: string }).uploadId;
  };

  it('answers attachDocument about a hidden activation as about none', async () => {
    for (const [prober, token] of Object.entries(probers)) {
      const uploadId = await uploadPng(token);
      const about = async (id: string) =>
        normalised(
          await post(
            token,
            'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { activationId eventIds } }',
            { input: { activationId: id, uploadId, title: 'Probe.', categories: ['CASE'] } },
          ),
          id,
        );
      const [onHidden, onAbsent] = [await about(hidden), await about(absent)];
      expect({ prober, answer: onHidden }).toEqual({ prober, answer: onAbsent });
      expect(JSON.parse(onAbsent.body).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('answers the download of an attachment of a hidden activation as of none', async () => {
    // GM0599 takes part and attaches a document of CASE only: only visibility of the activation decides.
    const attachmentId = await uploadPng(scenario.tokens.GM0599);
    const { errors } = await graphql(
      scenario.url,
      'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { eventIds } }',
      { input: { activationId: hidden, uploadId: attachmentId, title: 'Foto', categories: ['CASE'] } },
      scenario.tokens.GM0599,
    );
    expect(errors).toBeUndefined();
    const download = async (token: string, id: string): Promise<Answer> => {
      const response = await fetch(`${scenario.url}/attachments/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!PER_REQUEST.has(name)) headers[name] = value;
      });
      return normalised({ status: response.status, headers, body: await response.text() }, id);
    };
    await eventually(async () => (await download(scenario.tokens.NLA, attachmentId)).status === 200, 15_000);
    for (const [prober, token] of Object.entries(probers)) {
      const [onHidden, onAbsent] = [await download(token, attachmentId), await download(token, randomUUID())];
      expect({ prober, answer: onHidden }).toEqual({ prober, answer: onAbsent });
      expect(onAbsent.status).toBe(404);
    }
  });

  it('changed nothing: the hidden activation holds the events its participants wrote, no more', async () => {
    const rows: { type: string }[] = await scenario.database.dataSource.query(
      'SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [activationStreamId(hidden)],
    );
    expect(rows.map((row) => row.type)).toEqual([
      'activation.opened',
      'agency.invited',
      'agency.joined',
      'signal.recorded',
      'document.attached',
    ]);
  });
});
