import { DEMO_GRANTS } from '../feeds/feeds.fixture.js';
import { agreeInForce } from '../../support/agreements.js';
import { INestApplication } from '@nestjs/common';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { tokenFor } from '../../support/test-tokens.js';
import { ActivationMutation, send } from './activation-mutations.fixture.js';

const ACTIVATION = 'case-authority-1';
const AGENCIES = ['NLA', 'GM0599', 'UWV', 'VR17'];

/** Polls until `probe` holds (the projector runs beside the api), then answers its last value. */
async function eventually<T>(read: () => Promise<T>, probe: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (probe(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Authority over a case, through the real api and worker: the lead and the region's coordinator file the
 * report, close, reopen and transfer the lead; the others contribute and propose closing; an agency that
 * leaves (a closed activation too) keeps seeing what it contributed itself, and nothing else.
 */
describe('who has authority over a case', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let worker: INestApplication;
  let url: string;
  const tokens: Record<string, string> = {};

  const act = (agency: string, name: ActivationMutation, input: Record<string, unknown> = {}) =>
    send(url, name, { activationId: ACTIVATION, ...input }, tokens[agency]);
  const ok = async (agency: string, name: ActivationMutation, input: Record<string, unknown> = {}) => {
    const { errors } = await act(agency, name, input);
    expect({ agency, name, errors }).toEqual({ agency, name, errors: undefined });
  };
  const timeline = (agency: string) =>
    graphql<{ timeline: { edges: { node: { type: string; eventId: string } }[] } }>(
      url,
      `
        query ($id: ID!) {
          timeline(activationId: $id, first: 100) {
            edges {
              node {
                eventId
                type
              }
            }
          }
        }
      `,
      { id: ACTIVATION },
      tokens[agency],
    );
  const activation = (agency: string) =>
    graphql<{ activation: { leadAgency: string; participants: string[]; status: string } }>(
      url,
      `
        query ($id: ID!) {
          activation(id: $id) {
            leadAgency
            participants
            status
          }
        }
      `,
      { id: ACTIVATION },
      tokens[agency],
    );

  beforeAll(async () => {
    await database.create();
    worker = await startWorker(database.env);
    ({ app: api, url } = await startApi(database.env));
    for (const agency of AGENCIES) {
      tokens[agency] = await tokenFor(
        agency === 'VR17'
          ? { userId: 'coord@vr17', agency, role: 'COORDINATOR', region: 'VR17' }
          : { userId: `insp@${agency.toLowerCase()}`, agency, role: 'INSPECTOR' },
      );
    }
    tokens.admin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
    // The demo agreements of these agencies, in force as the demo brings them (four eyes).
    for (const input of DEMO_GRANTS.filter((grant) => AGENCIES.includes(grant.agency))) {
      await agreeInForce(url, input);
    }
    await ok('NLA', 'openActivation', {
      kind: 'PREVENTIVE',
      title: 'Kas Westland: bevoegdheid',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      employer: { name: 'Kas BV', kvkNumber: '12345678' },
    });
    for (const agency of ['GM0599', 'UWV']) await ok('NLA', 'inviteAgency', { agency });
    for (const agency of ['GM0599', 'UWV']) await ok(agency, 'joinActivation');
    await ok('UWV', 'recordSignal', {
      signalId: 'uwv-signal',
      source: { kind: 'PARTNER_AGENCY', agency: 'UWV' },
      description: 'Uitkeringen lopen door terwijl er gewerkt wordt.',
    });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  it('gives the activation a case number and shows its title; the case number finds it, in any case', async () => {
    const { data } = await eventually(
      () =>
        graphql<{ activation: { caseNumber: string; title: string | null } }>(
          url,
          `
            query ($id: ID!) {
              activation(id: $id) {
                caseNumber
                title
              }
            }
          `,
          { id: ACTIVATION },
          tokens.NLA,
        ),
      (r) => !!r.data?.activation,
    );
    const year = new Date().getFullYear();
    expect(data!.activation.caseNumber).toMatch(new RegExp(`^VR17-(${year}|${year + 1})-\\d{4}$`));
    expect(data!.activation.title).toBe('Kas Westland: bevoegdheid');
    const search = () =>
      graphql<{ activations: { edges: { node: { id: string } }[] } }>(
        url,
        `
          query ($f: ActivationsFilter) {
            activations(first: 5, filter: $f) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { f: { caseNumber: data!.activation.caseNumber.toLowerCase() } },
        tokens.UWV,
      );
    // UWV joined just before: its list row may still be on its way.
    const found = await eventually(search, (r) => (r.data?.activations.edges.length ?? 0) > 0);
    expect(found.errors).toBeUndefined();
    expect(found.data!.activations.edges.map((e) => e.node.id)).toEqual([ACTIVATION]);
  });

  it.each([
    ['fileReport', { reportId: 'r-gm', summary: 'Verslag.', outcome: 'Uitkomst.' }],
    ['closeActivation', { outcome: 'Klaar.' }],
  ] as [ActivationMutation, Record<string, unknown>][])(
    'a participant that does not lead cannot %s, and is told who may',
    async (name, input) => {
      const { errors } = await act('GM0599', name, input);
      expect(errors?.[0]).toMatchObject({
        message: expect.stringContaining('Only the lead agency NLA or the coordinator of VR17 may'),
        extensions: { code: 'FORBIDDEN', reason: 'NOT_CASE_AUTHORITY' },
      });
    },
  );

  it('a participant proposes closing; it is on the joint timeline', async () => {
    await ok('GM0599', 'proposeClosing', { reason: 'Alle controles zijn gedaan.' });
    const { data } = await eventually(
      () => timeline('NLA'),
      (r) => !!r.data?.timeline.edges.some((e) => e.node.type === 'closing.proposed'),
    );
    expect(data!.timeline.edges.map((e) => e.node.type)).toContain('closing.proposed');
  });

  it('the lead transfers the lead; the new lead files, closes, and the old one may not', async () => {
    await ok('NLA', 'transferLead', { toAgency: 'gm0599', reason: 'Huisvesting speelt.' });
    const { data } = await eventually(
      () => activation('UWV'),
      (r) => r.data?.activation.leadAgency === 'GM0599',
    );
    expect(data!.activation).toMatchObject({ leadAgency: 'GM0599', participants: ['GM0599', 'NLA', 'UWV'] });
    await ok('GM0599', 'fileReport', { reportId: 'r-1', summary: 'Verslag.', outcome: 'Waarschuwing.' });
    const byOldLead = await act('NLA', 'closeActivation', { outcome: 'Klaar.' });
    expect(byOldLead.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_CASE_AUTHORITY',
    });
    await ok('GM0599', 'closeActivation', { outcome: 'Afgerond.' });
  });

  it('the coordinator of the region reopens and closes again', async () => {
    const byUwv = await act('UWV', 'reopenActivation', { reason: 'Nieuwe melding.' });
    expect(byUwv.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CASE_AUTHORITY' });
    await ok('VR17', 'reopenActivation', { reason: 'Nieuwe melding.' });
    await ok('GM0599', 'fileReport', { reportId: 'r-2', summary: 'Verslag 2.', outcome: 'Waarschuwing.' });
    await ok('VR17', 'closeActivation', { outcome: 'Afgerond.' });
  });

  it('an agency leaves the closed activation and keeps seeing exactly what it contributed', async () => {
    await ok('UWV', 'leaveActivation', { reason: 'Geen uitkeringsvragen meer.' });
    const own = await eventually(
      () => timeline('UWV'),
      (r) => !!r.data && !r.data.timeline.edges.some((e) => e.node.type === 'activation.opened'),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.timeline.edges.map((e) => e.node.type)).toEqual([
      'agency.joined',
      'signal.recorded',
      'agency.left',
    ]);
    // The case itself is no longer its to see or act on.
    const row = await activation('UWV');
    expect(row.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const again = await act('UWV', 'reopenActivation', { reason: 'x y z' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
