import { DEMO_GRANTS } from '../feeds/feeds.fixture.js';
import { agreeInForce } from '../../support/agreements.js';
import { INestApplication } from '@nestjs/common';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { tokenFor } from '../../support/test-tokens.js';
import { ActivationMutation, send } from './activation-mutations.fixture.js';

const ACTIVATION = 'inbox-1';
const AGENCIES = ['NLA', 'GM0599', 'UWV', 'SVB', 'BD', 'VR17'];

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
 * The inbox, through the real api and worker: an invitation reaches the invited agency at once, with the
 * case at CASE level and who invited it and why; it joins or declines with a reason, and the inviter sees
 * the answer; a referred agency sees the referral addressed to it, and nothing else of the case.
 */
describe('the inbox of invitations and referrals', () => {
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
      title: 'Kas Westland: overbewoning',
      titleCategories: ['CASE'],
      kind: 'PREVENTIVE',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      employer: { name: 'Kas BV', kvkNumber: '12345678' },
    });
    await ok('NLA', 'inviteAgency', { agency: 'UWV', reason: 'Mogelijk doorlopende WW-uitkeringen.' });
    await ok('NLA', 'inviteAgency', { agency: 'SVB' });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  const inbox = (agency: string) =>
    graphql<{
      inbox: {
        kind: string;
        state: string;
        fromAgency: string;
        reason: string | null;
        answer: string | null;
        activation: Record<string, unknown>;
      }[];
    }>(
      url,
      `
        {
          inbox {
            kind
            state
            fromAgency
            reason
            answer
            activation {
              id
              caseNumber
              title
              kind
              region
              municipality
              leadAgency
              status
            }
          }
        }
      `,
      {},
      tokens[agency],
    );

  it('shows the invitation to the invited agency at once: the case at CASE level, who and why', async () => {
    const { data, errors } = await eventually(
      () => inbox('UWV'),
      (r) => (r.data?.inbox.length ?? 0) > 0,
    );
    expect(errors).toBeUndefined();
    expect(data!.inbox).toEqual([
      {
        kind: 'INVITATION',
        state: 'PENDING',
        fromAgency: 'NLA',
        reason: 'Mogelijk doorlopende WW-uitkeringen.',
        answer: null,
        activation: {
          id: ACTIVATION,
          caseNumber: expect.stringMatching(/^VR17-\d{4}-\d{4}$/),
          title: 'Kas Westland: overbewoning',
          kind: 'PREVENTIVE',
          region: 'VR17',
          municipality: 'GM0599',
          leadAgency: 'NLA',
          status: 'OPEN',
        },
      },
    ]);
    // An invitation is no view of the case: the activation itself stays out of reach until it joins.
    const row = await graphql(
      url,
      `
        query ($id: ID!) {
          activation(id: $id) {
            id
          }
        }
      `,
      { id: ACTIVATION },
      tokens.UWV,
    );
    expect(row.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an agency nothing was addressed to has an empty inbox', async () => {
    const { data, errors } = await inbox('GM0599');
    expect(errors).toBeUndefined();
    expect(data!.inbox).toEqual([]);
  });

  it('the invited agency declines with a reason; the inviter reads the answer on the timeline', async () => {
    await ok('UWV', 'declineInvitation', { reason: 'Geen uitkeringen in het spel.' });
    const { data } = await eventually(
      () => inbox('UWV'),
      (r) => r.data?.inbox[0]?.state === 'DECLINED',
    );
    expect(data!.inbox[0]).toMatchObject({ state: 'DECLINED', answer: 'Geen uitkeringen in het spel.' });
    const timeline = await eventually(
      () =>
        graphql<{ timeline: { edges: { node: { type: string; payload: Record<string, unknown> } }[] } }>(
          url,
          `
            query ($id: ID!) {
              timeline(activationId: $id, first: 50) {
                edges {
                  node {
                    type
                    payload
                  }
                }
              }
            }
          `,
          { id: ACTIVATION },
          tokens.NLA,
        ),
      (r) => !!r.data?.timeline.edges.some((e) => e.node.type === 'invitation.declined'),
    );
    const declined = timeline.data!.timeline.edges.find((e) => e.node.type === 'invitation.declined')!;
    expect(declined.node.payload).toMatchObject({
      agency: 'UWV',
      reason: { text: 'Geen uitkeringen in het spel.' },
    });
    // Declined, the activation is as unknown to UWV as any other.
    const again = await act('UWV', 'joinActivation');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the invited agency accepts by joining; its inbox says so', async () => {
    await ok('SVB', 'joinActivation');
    const { data } = await eventually(
      () => inbox('SVB'),
      (r) => r.data?.inbox[0]?.state === 'ACCEPTED',
    );
    expect(data!.inbox[0]).toMatchObject({ kind: 'INVITATION', state: 'ACCEPTED', fromAgency: 'NLA' });
  });

  it('a referred agency sees the referral addressed to it, and not the case', async () => {
    await ok('NLA', 'makeReferral', {
      referralId: 'ref-bd',
      toAgency: 'BD',
      reason: 'Loonheffing lijkt niet afgedragen.',
    });
    const { data } = await eventually(
      () => inbox('BD'),
      (r) => (r.data?.inbox.length ?? 0) > 0,
    );
    expect(data!.inbox).toEqual([
      expect.objectContaining({
        kind: 'REFERRAL',
        state: 'RECEIVED',
        fromAgency: 'NLA',
        reason: 'Loonheffing lijkt niet afgedragen.',
        activation: expect.objectContaining({ id: ACTIVATION, title: 'Kas Westland: overbewoning' }),
      }),
    ]);
    const row = await graphql(
      url,
      `
        query ($id: ID!) {
          activation(id: $id) {
            id
          }
        }
      `,
      { id: ACTIVATION },
      tokens.BD,
    );
    expect(row.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
