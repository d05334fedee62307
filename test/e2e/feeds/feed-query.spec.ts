import { graphql } from '../../support/graphql-client.js';
import { FEED_QUERY, FeedEntry, FeedPage, FeedsScenario } from './feeds.fixture.js';

const ROTTERDAM = 'feed-query-rotterdam';
const UTRECHT = 'feed-query-utrecht';
const FINDINGS = 55;
const WORKER = { subjectId: 'p-feed-1', name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL' };

/**
 * The cursor-paged feed: one activation in Rotterdam-Rijnmond (VR17) that NLA, the municipality and UWV
 * work on, with enough findings for several pages, and one in Utrecht (VR09) that only NLA works on.
 */
describe('feed query', () => {
  const scenario = new FeedsScenario();
  let nlaFeed: FeedEntry[];

  beforeAll(async () => {
    await scenario.start();
    await scenario.openActivation(ROTTERDAM, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV'],
    });
    for (let i = 1; i <= FINDINGS; i++) {
      await scenario.act('NLA', 'recordFinding', {
        activationId: ROTTERDAM,
        findingId: `f-${i}`,
        category: 'EMPLOYER',
        description: `finding ${i}`,
        ...(i === 1 ? { subjects: [WORKER] } : {}),
      });
    }
    const last = await scenario.openActivation(UTRECHT, { region: 'VR09', municipality: 'GM0344' });
    await scenario.fedTo('NLA', last);
    nlaFeed = await scenario.feedOf('NLA');
  }, 180_000);

  afterAll(() => scenario.stop());

  const page = (agency: string, variables: { first?: number; after?: string | null }) =>
    graphql<{ feed: FeedPage }>(scenario.url, FEED_QUERY, variables, scenario.tokens[agency]);

  it('holds every event of the agency’s activations once, in order per activation', () => {
    // opened, 2 invitations, 2 joins and the findings in Rotterdam; opened in Utrecht.
    expect(nlaFeed).toHaveLength(5 + FINDINGS + 1);
    expect(new Set(nlaFeed.map((entry) => entry.eventId)).size).toBe(nlaFeed.length);
    // Numbered 1, 2, 3, … for this agency alone: no gap tells it how much went to others.
    expect(nlaFeed.map((entry) => entry.sequence)).toEqual(nlaFeed.map((_, i) => String(i + 1)));
    expect(
      nlaFeed
        .filter((e) => e.activationId === ROTTERDAM)
        .map((e) => e.type)
        .slice(0, 1),
    ).toEqual(['activation.opened']);
    expect(nlaFeed[0]).toMatchObject({
      activationId: ROTTERDAM,
      sequence: '1',
      type: 'activation.opened',
      schemaVersion: 2,
      actingAgency: 'NLA',
      withheld: [],
    });
    expect(nlaFeed[0].payload).toMatchObject({ region: 'VR17', location: { city: 'Rotterdam' } });
    expect(nlaFeed[0].categories).toEqual(expect.arrayContaining(['CASE', 'LOCATION', 'EMPLOYER']));
  });

  it('pages through the feed with cursors, the pages adding up to the whole feed', async () => {
    const seen: FeedEntry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors } = await page('NLA', { first: 7, after });
      expect(errors).toBeUndefined();
      const { edges, pageInfo } = data!.feed;
      pages++;
      expect(edges.length).toBeLessThanOrEqual(7);
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      seen.push(...edges.map((edge) => edge.node));
      if (!pageInfo.hasNextPage) break;
      expect(pageInfo.endCursor).toBe(edges.at(-1)!.cursor);
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(nlaFeed.length / 7));
    expect(seen.map((e) => e.eventId)).toEqual(nlaFeed.map((e) => e.eventId));
  });

  it('keeps its cursors valid across an api restart', async () => {
    const first = await page('NLA', { first: 10 });
    const second = await page('NLA', { first: 10, after: first.data!.feed.pageInfo.endCursor });
    const cursor = second.data!.feed.pageInfo.endCursor;
    await scenario.restartApi();
    const rest = await page('NLA', { first: 500, after: cursor });
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.feed.edges.map((edge) => edge.node.eventId)).toEqual(
      nlaFeed.slice(20).map((entry) => entry.eventId),
    );
    expect(rest.data!.feed.pageInfo.hasNextPage).toBe(false);
    // Polling at the end: an empty page hands the same position back, never a restart from the beginning.
    const empty = await page('NLA', { after: rest.data!.feed.pageInfo.endCursor });
    expect(empty.data!.feed.edges).toEqual([]);
    expect(empty.data!.feed.pageInfo.endCursor).toBe(rest.data!.feed.pageInfo.endCursor);
  });

  it('gives an agency none of the events of activations it is not entitled to', async () => {
    const uwv = await scenario.feedOf('UWV');
    expect(uwv.length).toBeGreaterThan(0);
    expect(uwv.every((entry) => entry.activationId === ROTTERDAM)).toBe(true);
    const vr17 = await scenario.feedOf('VR17');
    expect(new Set(vr17.map((entry) => entry.activationId))).toEqual(new Set([ROTTERDAM]));
    const vr09 = await scenario.feedOf('VR09');
    expect(vr09.map((entry) => [entry.activationId, entry.type])).toEqual([[UTRECHT, 'activation.opened']]);
    expect(await scenario.feedOf('SVB')).toEqual([]);
  });

  it('redacts each agency’s entries with its own agreements', async () => {
    const [opened] = await scenario.feedOf('UWV');
    expect(opened.type).toBe('activation.opened');
    expect(opened.payload.location).toBeNull();
    expect(opened.payload.employer).toEqual(expect.objectContaining({ name: 'Kas BV' }));
    expect(opened.withheld).toEqual(['LOCATION']);
    expect(opened.categories).not.toContain('LOCATION');
    // The municipality may see the worker named in the first finding, the safety region may not (no PERSONAL).
    const named = (entries: FeedEntry[]) =>
      entries.find((e) => e.type === 'finding.recorded')!.payload.subjects;
    expect(named(await scenario.feedOf('GM0599'))).toEqual([expect.objectContaining({ bsn: WORKER.bsn })]);
    expect(named(await scenario.feedOf('VR17'))).toBeNull();
  });

  it('bounds the page size: 50 when left out, at most 500', async () => {
    const { data } = await page('NLA', {});
    expect(data!.feed.edges).toHaveLength(50);
    expect(data!.feed.pageInfo.hasNextPage).toBe(true);
    for (const first of [0, 501]) {
      const { errors } = await page('NLA', { first });
      expect(errors?.[0]).toMatchObject({
        message: expect.stringContaining('from 1 to 500'),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('refuses a cursor of another list, readers without case roles and requests without a token', async () => {
    const timelineCursor = Buffer.from(JSON.stringify(['timeline', 3])).toString('base64url');
    const foreign = await page('NLA', { after: timelineCursor });
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const admin = await page('admin', {});
    expect(admin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await graphql(scenario.url, FEED_QUERY, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs reading personal data from the feed, one line per person', async () => {
    const rows: { operation: string; categories: string[] }[] = await scenario.database.dataSource.query(
      `SELECT l.operation, l.categories FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id
       WHERE a.user_id = 'insp@gm0599' AND l.activation_id = $1`,
      [ROTTERDAM],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.operation === 'feed')).toBe(true);
    expect(rows[0].categories).toEqual(['PERSONAL']);
    const uwvBefore = await scenario.database.dataSource.query(
      `SELECT count(*)::int AS n FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id WHERE a.user_id = 'insp@uwv'`,
    );
    await scenario.feedOf('UWV');
    const uwvAfter = await scenario.database.dataSource.query(
      `SELECT count(*)::int AS n FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id WHERE a.user_id = 'insp@uwv'`,
    );
    // One read, one person: one line.
    expect(uwvAfter[0].n - uwvBefore[0].n).toBe(1);
  });
});
