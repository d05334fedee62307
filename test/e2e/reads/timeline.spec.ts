import { DataSource } from 'typeorm';
import { DataCategory } from '#domain';
import { tokenFor } from '../../support/test-tokens.js';
import {
  codeOf,
  EventSeed,
  query,
  run,
  seedActivations,
  seedTimeline,
  ReadsHarness,
  startReadsHarness,
} from './reads.fixture.js';

const A = 'GM9201';
const B = 'GM9202';
const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL, INTERVENTION } = DataCategory;

const TIMELINE = `query Timeline($activationId: ID!, $first: Int, $after: String) {
  timeline(activationId: $activationId, first: $first, after: $after) {
    edges { cursor node { eventId occurredAt actingAgency type payload withheld } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Entry {
  eventId: string;
  occurredAt: string;
  actingAgency: string;
  type: string;
  payload: Record<string, unknown>;
  withheld: string[];
}
interface TimelineData {
  timeline: {
    edges: { cursor: string; node: Entry }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('timeline: the joint timeline as one agency may see it', () => {
  let harness: ReadsHarness;
  let url: string;
  let db: DataSource;
  let inspectorA: string;
  let inspectorB: string;
  const runId = run();
  const activationId = `act-${runId}`;
  const otherActivation = `act-${runId}-b-only`;

  const events: EventSeed[] = [
    {
      type: 'activation.opened',
      occurredAt: '2020-06-01T08:00:00Z',
      data: {
        activationId,
        kind: 'PREVENTIVE',
        trigger: 'EXTERNAL_REPORT',
        themes: ['HOUSING'],
        region: 'VR17',
        municipality: 'GM0599',
        leadAgency: 'NLA',
        location: { address: 'Havenweg 12', city: 'Rotterdam' },
        employer: { name: 'Kas BV' },
      },
    },
    {
      type: 'signal.recorded',
      occurredAt: '2020-06-01T08:05:00Z',
      data: {
        signalId: 's-1',
        recordedBy: 'NLA',
        source: { kind: 'EXTERNAL', name: 'FNV' },
        // Its author says it names nobody and speaks of nothing beyond the case.
        description: { text: 'Thirty workers in one barn.', categories: ['CASE'] },
        subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski' }],
      },
    },
    { type: 'agency.invited', occurredAt: '2020-06-01T09:00:00Z', data: { agency: 'UWV', invitedBy: 'NLA' } },
    {
      type: 'intervention.imposed',
      occurredAt: '2020-06-02T10:00:00Z',
      data: {
        interventionId: 'iv-1',
        interventionType: 'WARNING',
        imposedBy: 'NLA',
        addressee: { name: 'Kas BV' },
      },
    },
    {
      type: 'finding.recorded',
      occurredAt: '2020-06-02T11:00:00Z',
      actingAgency: 'POL',
      data: {
        findingId: 'f-1',
        category: 'CRIMINAL',
        description: { text: 'Passports withheld.', categories: ['CRIMINAL'] },
        recordedBy: 'POL',
      },
    },
  ];

  beforeAll(async () => {
    harness = await startReadsHarness([A, B]);
    ({ url, db } = harness);
    await seedActivations(db, [
      { agency: A, activationId, openedAt: '2020-06-01T08:00:00Z', streamVersion: 5 },
      { agency: B, activationId, openedAt: '2020-06-01T08:00:00Z', streamVersion: 5 },
      { agency: B, activationId: otherActivation, openedAt: '2020-06-01T08:00:00Z' },
    ]);
    await seedTimeline(
      db,
      A,
      activationId,
      [CASE, LOCATION, EMPLOYER, PERSONAL, INTERVENTION, CRIMINAL],
      events,
    );
    // B: case data only, no interventions at all.
    await seedTimeline(db, B, activationId, [CASE, HEALTH], events);
    await seedTimeline(db, B, otherActivation, [CASE], events.slice(0, 1));
    inspectorA = await tokenFor({ userId: 'insp-a', agency: A, role: 'INSPECTOR' });
    inspectorB = await tokenFor({ userId: 'insp-b', agency: B, role: 'INSPECTOR' });
  });

  afterAll(() => harness?.close());

  const page = async (token: string, variables: Record<string, unknown>) => {
    const response = await query<TimelineData>(url, token, TIMELINE, { activationId, ...variables });
    expect(response.errors).toBeUndefined();
    return response.data!.timeline;
  };

  it('answers the events in stream order, page by page', async () => {
    const seen: Entry[] = [];
    let after: string | null | undefined;
    const pages: string[][] = [];
    do {
      const { edges, pageInfo } = await page(inspectorA, { first: 2, after });
      pages.push(edges.map((e) => e.node.type));
      seen.push(...edges.map((e) => e.node));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([
      ['activation.opened', 'signal.recorded'],
      ['agency.invited', 'intervention.imposed'],
      ['finding.recorded'],
    ]);
    expect(seen[1]).toEqual({
      eventId: expect.any(String),
      occurredAt: '2020-06-01T08:05:00.000Z',
      actingAgency: 'NLA',
      type: 'signal.recorded',
      payload: events[1].data,
      withheld: [],
    });
    expect(seen[4]).toMatchObject({
      actingAgency: 'POL',
      payload: { description: { text: 'Passports withheld.', categories: ['CRIMINAL'] } },
    });
  });

  it('leaves out events the agency may not see and withholds the fields it may not see', async () => {
    const { edges } = await page(inspectorB, {});
    // No interventions, and not even that there is a criminal finding: a finding is of its category.
    expect(edges.map((e) => e.node.type)).toEqual(['activation.opened', 'signal.recorded', 'agency.invited']);
    const [opened, signal] = edges.map((e) => e.node);
    expect(opened).toMatchObject({
      payload: { location: null, employer: null },
      withheld: [EMPLOYER, LOCATION],
    });
    expect(signal).toMatchObject({
      payload: {
        source: { kind: 'EXTERNAL', name: null },
        subjects: null,
        description: { text: 'Thirty workers in one barn.', categories: ['CASE'] },
      },
      withheld: [PERSONAL],
    });
  });

  it('withholds a text its author said names a person from an agency without PERSONAL', async () => {
    const named = `act-${runId}-named`;
    await seedActivations(db, [{ agency: B, activationId: named, openedAt: '2020-06-01T08:00:00Z' }]);
    await seedTimeline(
      db,
      B,
      named,
      [CASE, HEALTH],
      [
        events[0],
        {
          ...events[1],
          data: {
            ...(events[1].data as object),
            description: { text: 'Jan Kowalski sleeps in the barn.', categories: ['PERSONAL'] },
          },
        },
      ],
    );
    const response = await query<TimelineData>(url, inspectorB, TIMELINE, { activationId: named });
    const signal = response.data!.timeline.edges[1].node;
    expect(signal.payload).toMatchObject({ description: null });
    expect(JSON.stringify(response)).not.toContain('Kowalski');
  });

  it('answers NOT_FOUND for an activation the agency does not see', async () => {
    const hidden = await query(url, inspectorA, TIMELINE, { activationId: otherActivation });
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(hidden.data).toBeNull();
    const missing = await query(url, inspectorA, TIMELINE, { activationId: `${activationId}-none` });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    // A cursor of a timeline it does see changes nothing: NOT_FOUND for both, not a cursor error for one.
    const { edges } = await page(inspectorA, { first: 1 });
    for (const other of [otherActivation, `${activationId}-none`]) {
      const probed = await query(url, inspectorA, TIMELINE, { activationId: other, after: edges[0].cursor });
      expect({ other, code: codeOf(probed) }).toEqual({ other, code: 'NOT_FOUND' });
    }
  });

  it('refuses a cursor naming an entry no longer in view as STALE_CURSOR', async () => {
    const gone = Buffer.from(JSON.stringify(['timeline', '00000000-0000-4000-8000-000000000000'])).toString(
      'base64url',
    );
    const response = await query(url, inspectorA, TIMELINE, { activationId, after: gone });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STALE_CURSOR' });
  });

  it('bounds the page size and refuses cursors of other lists', async () => {
    const tooBig = await query(url, inspectorA, TIMELINE, { activationId, first: 101 });
    expect(codeOf(tooBig)).toBe('BAD_USER_INPUT');
    const listCursor = Buffer.from(
      JSON.stringify(['activations', '2020-06-01T08:00:00.000000Z', 'x']),
    ).toString('base64url');
    const foreign = await query(url, inspectorA, TIMELINE, { activationId, after: listCursor });
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
  });
});
