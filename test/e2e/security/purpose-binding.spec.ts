import { randomUUID } from 'node:crypto';
import { agreeInForce } from '../../support/agreements.js';
import { eventually, FEED_ENTRY_FIELDS, FeedsScenario, SocketClient } from '../feeds/feeds.fixture.js';

/*
 * Issue 13: a read serves the processing activity it declares (x-purpose, or connection_init), and sees a
 * category only through an agreement of its agency serving that activity. The purpose used to be whatever
 * the client sent: any value of the list read everything the agency's agreements allowed.
 */

async function read(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  purpose?: string,
) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(purpose === undefined ? {} : { 'x-purpose': purpose }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const TIMELINE = `query ($id: ID!) { timeline(activationId: $id) { edges { node { eventId } } } }`;
const ACTIVATIONS = `query { activations(first: 10) { edges { node { id } } } }`;
const FEED = `query { feed(first: 500) { edges { node { type activationId payload withheld } } } }`;

type FeedNode = { type: string; activationId: string; payload: Record<string, unknown>; withheld: string[] };
const feedOf = (response: Awaited<ReturnType<typeof read>>) =>
  ((response.data?.feed as { edges: { node: FeedNode }[] } | undefined)?.edges ?? []).map(
    (edge) => edge.node,
  );

describe('reads are bound to a registered processing activity their agreements serve', () => {
  const scenario = new FeedsScenario();
  const activationId = randomUUID();

  beforeAll(async () => {
    await scenario.start();
    // UWV also serves supervision, with CASE only; its demo agreement serves case coordination.
    await agreeInForce(scenario.url, {
      agreementId: 'uwv-supervision',
      agency: 'UWV',
      categories: ['CASE'],
      activities: ['supervision'],
      purpose: 'Eigen toezicht',
      legalBasis: { text: 'Toezicht', reference: 'Wet SUWI art. 64' },
      validFrom: '2026-01-01T00:00:00+01:00',
    });
    await scenario.openActivation(activationId, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
    await eventually(async () => {
      const feed = feedOf(await read(scenario.url, scenario.tokens.UWV, FEED, {}));
      return feed.some((entry) => entry.activationId === activationId);
    }, 10_000);
  }, 120_000);
  afterAll(() => scenario.stop());

  it('refuses, with what to do, a read for an activity none of the agency’s agreements serves, on every query', async () => {
    for (const [query, variables] of [
      [TIMELINE, { id: activationId }],
      [ACTIVATIONS, {}],
      [FEED, {}],
    ] as const) {
      const refused = await read(scenario.url, scenario.tokens.NLA, query, variables, 'SUPERVISION');
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'PURPOSE_NOT_SERVED',
      });
      expect(refused.errors?.[0].message).toMatch(/supervision.*propose an agreement/s);
      expect(refused.data ?? null).toBeNull();
    }
    const unknown = await read(
      scenario.url,
      scenario.tokens.NLA,
      TIMELINE,
      { id: activationId },
      'nieuwsgierigheid',
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_PURPOSE',
    });
  });

  it('refuses a subscription whose connection_init names an activity no agreement serves', async () => {
    const socket = new SocketClient(scenario.url, {
      authorization: `Bearer ${scenario.tokens.NLA}`,
      'x-purpose': 'SUPERVISION',
    });
    try {
      const live = socket.subscribe(`subscription { feed { ${FEED_ENTRY_FIELDS} } }`);
      await eventually(() => live.errors.length > 0 || live.closeEvent !== undefined, 5000);
      expect(live.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_SERVED' });
      expect(live.received).toEqual([]);
    } finally {
      await socket.dispose();
    }
  });

  it('shows a category only through an agreement serving the read’s activity', async () => {
    const opened = (purpose?: string) =>
      read(scenario.url, scenario.tokens.UWV, FEED, {}, purpose).then((response) => {
        expect(response.errors).toBeUndefined();
        return feedOf(response).find(
          (e) => e.activationId === activationId && e.type === 'activation.opened',
        )!;
      });
    const coordination = await opened('case-coordination');
    expect(coordination.payload.employer).toMatchObject({ name: 'Kas BV' });
    expect(coordination.withheld).not.toContain('EMPLOYER');
    const supervision = await opened('SUPERVISION');
    expect(supervision.payload.employer).toBeNull();
    expect(supervision.withheld).toContain('EMPLOYER');
  });

  it('binds a live subscription to the activity its connection_init declares', async () => {
    const socket = new SocketClient(scenario.url, {
      authorization: `Bearer ${scenario.tokens.UWV}`,
      'x-purpose': 'supervision',
    });
    try {
      const live = socket.subscribe<FeedNode>(`subscription { feed { ${FEED_ENTRY_FIELDS} } }`);
      await scenario.liveFeeds('UWV', 1);
      const second = randomUUID();
      await scenario.openActivation(second, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
      const entry = await live.next(
        (e) => e.activationId === second && e.type === 'activation.opened',
        10_000,
      );
      expect(entry.payload.employer).toBeNull();
      expect(entry.withheld).toContain('EMPLOYER');
    } finally {
      await socket.dispose();
    }
  });
});
