import { randomUUID } from 'node:crypto';
import { agreeInForce, PROPOSE_AGREEMENT, policyAdminToken } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import {
  deleteTopics,
  readTopic,
  testKafka,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';
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
const ACTIVATION = `query ($id: ID!) { activation(id: $id) { id title employer { name } location { address } withheld } }`;
const LIST = `query { activations(first: 100) { edges { node { id employer { name } withheld } } } }`;
const TIMELINE_PAYLOADS = `query ($id: ID!) { timeline(activationId: $id) { edges { node { type payload withheld } } } }`;
const REGISTER_PROPOSE = `mutation ($input: ProposeProcessingActivityInput!) { proposeProcessingActivity(input: $input) { activityId } }`;
const REGISTER_APPROVE = `mutation ($input: ApproveProcessingActivityInput!) { approveProcessingActivity(input: $input) { activityId } }`;

/** A register entry of NLA and VR17, proposed by NLA's policy admin; approved by VR17's when `approve`. */
async function register(url: string, activityId: string, approve: boolean): Promise<void> {
  const [nla, vr17] = await Promise.all([policyAdminToken('NLA'), policyAdminToken('VR17')]);
  const input = {
    activityId,
    name: 'Onderzoek arbeidsuitbuiting',
    purpose: 'Signalen van arbeidsuitbuiting onderzoeken met de ketenpartners.',
    legalBasis: { text: 'Taak van algemeen belang', reference: 'Wet SUWI art. 64' },
    controllers: ['NLA', 'VR17'],
    retention: 'P5Y',
  };
  expect((await graphql(url, REGISTER_PROPOSE, { input }, nla)).errors).toBeUndefined();
  if (!approve) return;
  expect(
    (await graphql(url, REGISTER_APPROVE, { input: { activityId, reason: 'Getoetst' } }, vr17)).errors,
  ).toBeUndefined();
}

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

  it('searches only for an activity nothing narrows: otherwise it would find by what the activity may not show', async () => {
    const SEARCH = `query ($q: String!) { searchActivations(query: $q) { edges { node { activation { id } } } } }`;
    // Case coordination: every category UWV holds, so its search columns are exactly what it may see.
    const coordination = await read(
      scenario.url,
      scenario.tokens.UWV,
      SEARCH,
      { q: 'Kas BV' },
      'case-coordination',
    );
    expect(coordination.errors).toBeUndefined();
    expect(
      (
        coordination.data as { searchActivations: { edges: { node: { activation: { id: string } } }[] } }
      ).searchActivations.edges.map((e) => e.node.activation.id),
    ).toContain(activationId);
    // Supervision shows UWV no employer: a search for one would be an oracle, so it is refused, for any text.
    for (const q of ['Kas BV', 'niets dat bestaat']) {
      const supervision = await read(scenario.url, scenario.tokens.UWV, SEARCH, { q }, 'SUPERVISION');
      expect(supervision.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'SEARCH_PURPOSE_NARROWED',
      });
      expect(supervision.data ?? null).toBeNull();
    }
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

describe('purpose limitation on every read of case data, and the register behind it', () => {
  // The activation and its timeline, the list, and a custom register entry as the declared activity; UWV's
  // Kafka feed is configured to serve supervision, the other agencies' feeds case coordination.
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix, FEED_ACTIVITIES: 'UWV=supervision' });
  const kafka = testKafka(TEST_KAFKA_BROKERS);
  const activationId = randomUUID();

  beforeAll(async () => {
    await scenario.start();
    await register(scenario.url, 'labour-exploitation-research', true);
    await register(scenario.url, 'proposed-only-research', false);
    await agreeInForce(scenario.url, {
      agreementId: 'uwv-supervision-2',
      agency: 'UWV',
      categories: ['CASE'],
      activities: ['supervision', 'labour-exploitation-research'],
      purpose: 'Eigen toezicht en onderzoek',
      legalBasis: { text: 'Toezicht', reference: 'Wet SUWI art. 64' },
      validFrom: '2026-01-01T00:00:00+01:00',
    });
    await scenario.openActivation(activationId, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
    await eventually(async () => {
      const list = await read(scenario.url, scenario.tokens.UWV, ACTIVATION, { id: activationId });
      return list.errors === undefined;
    }, 10_000);
  }, 120_000);
  afterAll(async () => {
    await scenario.stop();
    await deleteTopics(kafka, prefix);
  });

  it.each([
    ['case-coordination', true],
    ['SUPERVISION', false],
    ['labour-exploitation-research', false],
  ])(
    'under %s the activation, the list and the timeline show the employer only through an agreement serving it',
    async (purpose, seesEmployer) => {
      const { UWV } = scenario.tokens;
      const one = await read(scenario.url, UWV, ACTIVATION, { id: activationId }, purpose);
      expect(one.errors).toBeUndefined();
      const activation = one.data!.activation as { employer: unknown; withheld: string[] };
      const listed = await read(scenario.url, UWV, LIST, {}, purpose);
      expect(listed.errors).toBeUndefined();
      const row = (
        listed.data!.activations as {
          edges: { node: { id: string; employer: unknown; withheld: string[] } }[];
        }
      ).edges
        .map((edge) => edge.node)
        .find((node) => node.id === activationId)!;
      const timeline = await read(scenario.url, UWV, TIMELINE_PAYLOADS, { id: activationId }, purpose);
      expect(timeline.errors).toBeUndefined();
      const opened = (
        timeline.data!.timeline as {
          edges: { node: { type: string; payload: { employer: unknown }; withheld: string[] } }[];
        }
      ).edges
        .map((edge) => edge.node)
        .find((node) => node.type === 'activation.opened')!;
      for (const seen of [
        activation,
        row,
        { employer: opened.payload.employer, withheld: opened.withheld },
      ]) {
        if (seesEmployer) {
          expect(seen.employer).toMatchObject({ name: 'Kas BV' });
          expect(seen.withheld).not.toContain('EMPLOYER');
        } else {
          expect(seen.employer).toBeNull();
          expect(seen.withheld).toContain('EMPLOYER');
        }
      }
    },
  );

  it('refuses an activity id the register does not hold (only proposed) exactly as text that names none', async () => {
    const answers = await Promise.all(
      ['proposed-only-research', 'never-registered', 'nieuwsgierigheid'].map((purpose) =>
        read(scenario.url, scenario.tokens.UWV, ACTIVATION, { id: activationId }, purpose),
      ),
    );
    for (const answer of answers) {
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNKNOWN_PURPOSE',
      });
      // The same sentence but for the text sent back.
      expect(answer.errors?.[0].message.replace(/"[^"]*"/, '"…"')).toBe(
        answers[0].errors?.[0].message.replace(/"[^"]*"/, '"…"'),
      );
    }
  });

  it('refuses an agreement serving an activity the register does not hold, and records nothing', async () => {
    const uwv = await policyAdminToken('UWV');
    const refused = await graphql(
      scenario.url,
      PROPOSE_AGREEMENT,
      {
        input: {
          agreementId: 'uwv-unregistered',
          agency: 'UWV',
          approverAgency: 'NLA',
          categories: ['CASE'],
          activities: ['case-coordination', 'proposed-only-research'],
          purpose: 'Onderzoek',
          legalBasis: { text: 'Toezicht', reference: 'Wet SUWI art. 64' },
          validFrom: '2026-01-01T00:00:00+01:00',
          reason: 'Nieuw onderzoek',
        },
      },
      uwv,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_ACTIVITY',
      field: 'activities[1]',
    });
    const { data } = await graphql<{ pendingAgreements: { agreementId: string }[] }>(
      scenario.url,
      'query { pendingAgreements { agreementId } }',
      {},
      await policyAdminToken('NLA'),
    );
    expect(data?.pendingAgreements.map((a) => a.agreementId)).not.toContain('uwv-unregistered');
  });

  it("publishes an agency's Kafka feed for the activity its consumer configuration declares", async () => {
    const openedOn = async (agency: string) => {
      let found: { data: Record<string, unknown>; ketenwithheld?: string } | undefined;
      await eventually(async () => {
        const messages = await readTopic(kafka, prefix + agency);
        found = messages
          .map((m) => m.event)
          .find((e) => e.subject === activationId && e.type.includes('.activation.opened.'));
        return found !== undefined;
      }, 30_000);
      return found!;
    };
    // UWV's feed serves supervision (CASE only there); NLA's case coordination.
    const uwv = await openedOn('UWV');
    expect(uwv.data.employer).toBeNull();
    expect(uwv.ketenwithheld).toContain('EMPLOYER');
    const nla = await openedOn('NLA');
    expect(nla.data.employer).toMatchObject({ name: 'Kas BV' });
  });
});
