import { randomUUID } from 'node:crypto';
import { graphql } from '../../support/graphql-client.js';
import { eventually, FeedsScenario, SocketClient } from '../feeds/feeds.fixture.js';

/*
 * Issue 15, item 2: invitations and referrals reach the addressed agency at once, as a subscription
 * besides the inbox query; the inviter's answer changes the item's state on it too.
 */

const INBOX = `subscription { inbox { kind state fromAgency reason answer activation { id caseNumber } } }`;

interface Item {
  kind: string;
  state: string;
  fromAgency: string;
  reason: string | null;
  answer: string | null;
  activation: { id: string; caseNumber: string | null };
}

describe('the live inbox', () => {
  const scenario = new FeedsScenario();
  const sockets: SocketClient[] = [];
  const socketOf = (agency: string) => {
    const socket = new SocketClient(scenario.url, { authorization: `Bearer ${scenario.tokens[agency]}` });
    sockets.push(socket);
    return socket;
  };

  beforeAll(() => scenario.start(), 120_000);
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await scenario.stop();
  });

  it('delivers an invitation to the invited agency only, then its answer, and not what waited before', async () => {
    const earlier = randomUUID();
    await scenario.openActivation(earlier, { region: 'VR17', municipality: 'GM0599' });
    await scenario.act('NLA', 'inviteAgency', { activationId: earlier, agency: 'UWV' });
    // It waits in the inbox (the query shows it) before the subscription opens.
    await eventually(async () => {
      const { data } = await graphql<{ inbox: { activation: { id: string } }[] }>(
        scenario.url,
        'query { inbox { activation { id } } }',
        {},
        scenario.tokens.UWV,
      );
      return (data?.inbox ?? []).some((i) => i.activation.id === earlier);
    }, 10_000);
    const uwv = socketOf('UWV').subscribe<Item>(INBOX);
    const svb = socketOf('SVB').subscribe<Item>(INBOX);
    // Let the subscriptions take their snapshot of what already waits.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const invited = randomUUID();
    await scenario.openActivation(invited, { region: 'VR17', municipality: 'GM0599' });
    await scenario.act('NLA', 'inviteAgency', {
      activationId: invited,
      agency: 'UWV',
      reason: 'Uitkeringen van de werknemers nagaan.',
    });
    const item = await uwv.next((i) => i.activation.id === invited, 10_000);
    expect(item).toMatchObject({
      kind: 'INVITATION',
      state: 'PENDING',
      fromAgency: 'NLA',
      activation: { id: invited, caseNumber: expect.stringMatching(/^VR17-\d{4}-\d{4}$/) },
    });

    await scenario.act('UWV', 'declineInvitation', {
      activationId: invited,
      reason: 'Geen capaciteit deze week.',
    });
    const declined = await uwv.next((i) => i.activation.id === invited && i.state === 'DECLINED', 10_000);
    expect(declined.answer).toBe('Geen capaciteit deze week.');

    expect(uwv.errors).toEqual([]);
    expect(uwv.received.some((i) => i.activation.id === earlier)).toBe(false);
    // SVB was invited to nothing: its inbox stays silent.
    await eventually(() => uwv.received.length >= 2, 5000);
    expect(svb.errors).toEqual([]);
    expect(svb.received).toEqual([]);
  });
});
