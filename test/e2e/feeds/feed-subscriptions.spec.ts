import { catalogueEntry } from '#events';
import { MAX_OPERATIONS_PER_CONNECTION } from '../../../apps/api/src/auth/websocket-auth.js';
import {
  LiveFeeds,
  MAX_LIVE_FEEDS_PER_AGENCY,
} from '../../../apps/api/src/feeds/shared/live-feeds.service.js';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  eventually,
  FEED_ENTRY_FIELDS,
  FeedEntry,
  FeedsScenario,
  sleep,
  SocketClient,
} from './feeds.fixture.js';

const ACTIVATION = 'feed-live-rotterdam';
const FEED = `subscription { feed { ${FEED_ENTRY_FIELDS} } }`;
const TIMELINE = `subscription ($id: ID!) {
  timeline(activationId: $id) { eventId occurredAt actingAgency type payload withheld }
}`;

type TimelineEntry = Omit<FeedEntry, 'activationId' | 'sequence' | 'schemaVersion' | 'categories'>;

/**
 * GraphQL subscriptions over graphql-ws against two api instances and the worker: NLA and the municipality
 * work an activation in Rotterdam-Rijnmond, whose coordinator (VR17) sees it too; SVB does not take part.
 */
describe('feed and timeline subscriptions', () => {
  const scenario = new FeedsScenario();
  const clients: SocketClient[] = [];
  let findings = 0;

  const connect = (token: string | undefined, api = scenario.apis[0]) => {
    const client = SocketClient.forToken(api.url, token);
    clients.push(client);
    return client;
  };
  const recordFinding = (findingId = `f-${++findings}`) =>
    scenario.act('NLA', 'recordFinding', {
      activationId: ACTIVATION,
      findingId,
      category: 'EMPLOYER',
      description: `finding ${findingId}`,
    });

  beforeAll(async () => {
    await scenario.start();
    await scenario.startApi();
    const last = await scenario.openActivation(ACTIVATION, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599'],
    });
    await scenario.fedTo('GM0599', last);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await scenario.noLiveFeeds();
  });

  afterAll(() => scenario.stop());

  it('delivers a new timeline entry within 1 s of the command, and nothing to an agency that may not see it', async () => {
    const municipality = connect(scenario.tokens.GM0599).subscribe<TimelineEntry>(TIMELINE, {
      id: ACTIVATION,
    });
    const coordinator = connect(scenario.tokens.VR17).subscribe<TimelineEntry>(TIMELINE, { id: ACTIVATION });
    const outsider = connect(scenario.tokens.SVB).subscribe<FeedEntry>(FEED);
    await scenario.liveFeeds('GM0599', 1);
    await scenario.liveFeeds('VR17', 1);
    await scenario.liveFeeds('SVB', 1);

    // Timed from just before each mutation is sent. The gap-safe horizon is cluster-wide, so a transaction
    // held open anywhere else in the cluster (another suite's migrations, a bulk load) holds every feed
    // back meanwhile: one such stall must not decide the test, so the median of three commands is held to
    // the bound, and each entry must arrive.
    const latencies: number[] = [];
    let entry!: TimelineEntry;
    let eventId!: string;
    for (const findingId of ['f-timely-1', 'f-timely-2', 'f-timely-3']) {
      const sentAt = Date.now();
      const sending = recordFinding(findingId);
      entry = await municipality.next((e) => e.payload.findingId === findingId, 5000);
      latencies.push(Date.now() - sentAt);
      [eventId] = await sending;
    }
    const median = [...latencies].sort((a, b) => a - b)[1];
    expect({ latencies, medianWithin1s: median < 1000 }).toEqual({ latencies, medianWithin1s: true });
    expect(entry).toMatchObject({ eventId, type: 'finding.recorded', actingAgency: 'NLA', withheld: [] });
    expect(entry.payload).toMatchObject({
      category: 'EMPLOYER',
      description: { text: 'finding f-timely-3' },
    });
    await coordinator.next((e) => e.eventId === eventId);

    // The same entry as the timeline query shows it.
    const { data } = await graphql<{ timeline: { edges: { node: TimelineEntry }[] } }>(
      scenario.url,
      `
        query ($id: ID!) {
          timeline(activationId: $id, first: 100) {
            edges {
              node {
                eventId
                occurredAt
                actingAgency
                type
                payload
                withheld
              }
            }
          }
        }
      `,
      { id: ACTIVATION },
      scenario.tokens.GM0599,
    );
    expect(data!.timeline.edges.map((edge) => edge.node).find((node) => node.eventId === eventId)).toEqual(
      entry,
    );

    await sleep(1000);
    expect(outsider.received).toEqual([]);
    expect(outsider.errors).toEqual([]);
    expect(municipality.errors).toEqual([]);
  });

  it('answers NOT_FOUND for a timeline the agency may not see, as the query does', async () => {
    const client = connect(scenario.tokens.SVB);
    const invisible = client.subscribe<TimelineEntry>(TIMELINE, { id: ACTIVATION });
    const unknown = client.subscribe<TimelineEntry>(TIMELINE, { id: 'no-such-activation' });
    await eventually(() => invisible.errors.length > 0 && unknown.errors.length > 0, 5000);
    for (const subscription of [invisible, unknown]) {
      expect(subscription.errors[0]).toMatchObject({
        extensions: { code: 'NOT_FOUND', reason: 'ACTIVATION_NOT_VISIBLE' },
      });
    }
    const query = await graphql(
      scenario.url,
      `
        query ($id: ID!) {
          timeline(activationId: $id) {
            edges {
              cursor
            }
          }
        }
      `,
      { id: ACTIVATION },
      scenario.tokens.SVB,
    );
    expect(query.errors?.[0].message).toBe(invisible.errors[0].message);
  });

  it('refuses a missing, bad or expired token at connect, saying why', async () => {
    const expired = await tokenFor(
      { userId: 'insp@nla', agency: 'NLA', role: 'INSPECTOR' },
      { expiresIn: -60 },
    );
    const cases: [string | undefined, string][] = [
      [undefined, 'No bearer token'],
      ['not-a-token', 'malformed or not signed by a trusted issuer'],
      [expired, 'The token has expired'],
    ];
    for (const [token, why] of cases) {
      const subscription = connect(token).subscribe<FeedEntry>(FEED);
      await eventually(() => subscription.closeEvent !== undefined, 5000);
      expect(subscription.closeEvent!.code).toBe(4403);
      expect(subscription.closeEvent!.reason).toContain('Unauthenticated');
      expect(subscription.closeEvent!.reason).toContain(why);
      expect(subscription.received).toEqual([]);
    }
  });

  it('closes the connection when the token expires', async () => {
    // exp is in whole seconds: this token lives two to three seconds.
    const exp = Math.ceil(Date.now() / 1000) + 2;
    const token = await tokenFor(
      { userId: 'brief@nla', agency: 'NLA', role: 'INSPECTOR' },
      { expiresIn: exp },
    );
    const expiresAt = exp * 1000;
    const subscription = connect(token).subscribe<FeedEntry>(FEED);
    await scenario.liveFeeds('NLA', 1);
    expect(subscription.closeEvent).toBeUndefined();
    await eventually(() => subscription.closeEvent !== undefined, 5000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(Date.now() - expiresAt).toBeLessThan(1000);
    expect(subscription.closeEvent).toEqual({
      code: 4403,
      reason: 'Unauthenticated: the token has expired; reconnect with a new token.',
    });
    // The server let go of the feed too.
    await eventually(() => scenario.apis[0].app.get(LiveFeeds).deliveringTo('NLA') === 0, 2000);
  });

  it('delivers from every api instance to its own subscribers', async () => {
    const onFirst = connect(scenario.tokens.GM0599, scenario.apis[0]).subscribe<FeedEntry>(FEED);
    const onSecond = connect(scenario.tokens.VR17, scenario.apis[1]).subscribe<FeedEntry>(FEED);
    const alsoOnSecond = connect(scenario.tokens.GM0599, scenario.apis[1]).subscribe<FeedEntry>(FEED);
    await scenario.liveFeeds('GM0599', 1, scenario.apis[0]);
    await scenario.liveFeeds('VR17', 1, scenario.apis[1]);
    await scenario.liveFeeds('GM0599', 1, scenario.apis[1]);
    const [eventId] = await recordFinding();
    for (const subscription of [onFirst, onSecond, alsoOnSecond]) {
      const entry = await subscription.next((e) => e.eventId === eventId);
      expect(entry).toMatchObject({
        activationId: ACTIVATION,
        type: 'finding.recorded',
        schemaVersion: catalogueEntry('finding.recorded').schemaVersion,
      });
      expect(entry.categories).toEqual(['CASE', 'EMPLOYER']);
    }
    // Each subscriber gets each entry once.
    expect(onSecond.received.filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('listens again after losing its notification connection, and delivers what came meanwhile', async () => {
    const subscription = connect(scenario.tokens.GM0599).subscribe<FeedEntry>(FEED);
    await scenario.liveFeeds('GM0599', 1);
    const listeners = () =>
      scenario.database.dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-feed-listener'`,
      ) as Promise<{ pid: number }[]>;
    const before = await listeners();
    expect(before).toHaveLength(scenario.apis.length);
    await scenario.database.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`,
      [before.map((row) => row.pid)],
    );
    const [eventId] = await recordFinding();
    await subscription.next((e) => e.eventId === eventId);
    const after = await listeners();
    expect(after).toHaveLength(scenario.apis.length);
    expect(after.some((row) => before.some((old) => old.pid === row.pid))).toBe(false);
  });

  it('refuses roles that read no case data', async () => {
    const subscription = connect(scenario.tokens.admin).subscribe<FeedEntry>(FEED);
    await eventually(() => subscription.errors.length > 0, 5000);
    expect(subscription.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_MAY_NOT_READ',
    });
  });

  it(`runs at most ${MAX_OPERATIONS_PER_CONNECTION} operations on one connection`, async () => {
    const client = connect(scenario.tokens.BD);
    const subscriptions = Array.from({ length: MAX_OPERATIONS_PER_CONNECTION + 1 }, () =>
      client.subscribe<FeedEntry>(FEED),
    );
    await eventually(() => subscriptions.some((s) => s.errors.length > 0), 5000);
    const refused = subscriptions.filter((s) => s.errors.length > 0);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'TOO_MANY_OPERATIONS',
    });
  });

  it(`holds at most ${MAX_LIVE_FEEDS_PER_AGENCY} live feeds of one agency per instance`, async () => {
    const perConnection = MAX_OPERATIONS_PER_CONNECTION;
    const all = [];
    for (let i = 0; i < MAX_LIVE_FEEDS_PER_AGENCY / perConnection; i++) {
      const client = connect(scenario.tokens.UWV);
      for (let j = 0; j < perConnection; j++) all.push(client.subscribe<FeedEntry>(FEED));
    }
    await scenario.liveFeeds('UWV', MAX_LIVE_FEEDS_PER_AGENCY);
    const extra = connect(scenario.tokens.UWV).subscribe<FeedEntry>(FEED);
    await eventually(() => extra.errors.length > 0, 5000);
    expect(extra.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'TOO_MANY_SUBSCRIPTIONS',
    });
    expect(all.every((s) => s.errors.length === 0)).toBe(true);
  }, 30_000);
});
