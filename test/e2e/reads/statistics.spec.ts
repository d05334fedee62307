import { DataSource } from 'typeorm';
import { tokenFor } from '../../support/test-tokens.js';
import {
  codeOf,
  query,
  run,
  seedActivations,
  seedAgreements,
  ReadsHarness,
  startReadsHarness,
} from './reads.fixture.js';

const A = 'GM9301';
const B = 'GM9302';
const EMPTY = 'GM9303';

const STATISTICS = `query Statistics($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    total
    byKind { key count } byTheme { key count } byTrigger { key count } byIntegratedDeployment { key count }
    byOutcome { key count } byRegion { key count } byMonth { key count }
  }
}`;

type Counts = Record<string, number>;
interface Statistics {
  total: number;
  [breakdown: string]: number | { key: string; count: number }[];
}

/** A breakdown as key → count, in the order the api gave them. */
const counts = (statistics: Statistics, name: string): Counts =>
  Object.fromEntries(
    (statistics[name] as { key: string; count: number }[]).map(({ key, count }) => [key, count]),
  );

describe('statistics: the LOT-C figures over the activations an agency sees', () => {
  let harness: ReadsHarness;
  let url: string;
  let db: DataSource;
  let coordinatorA: string;
  const runId = run();
  const id = (n: number) => `stat-${runId}-${n}`;

  beforeAll(async () => {
    harness = await startReadsHarness([A, B, EMPTY]);
    ({ url, db } = harness);
    // The rows below carry outcomes, as the projector writes them only for an agency holding INTERVENTION.
    await seedAgreements(
      db,
      [A, B].map((agency) => ({
        agreementId: `stat-${runId}-${agency}`,
        agency,
        categories: ['CASE', 'INTERVENTION'],
        validFrom: '2020-01-01T00:00:00Z',
      })),
    );
    await seedActivations(db, [
      {
        agency: A,
        activationId: id(1),
        openedAt: '2020-05-10T10:00:00Z',
        themes: ['HOUSING', 'WORK'],
        integrated: true,
        outcome: 'FINE',
      },
      {
        agency: A,
        activationId: id(2),
        openedAt: '2020-06-01T10:00:00Z',
        kind: 'REPRESSIVE',
        trigger: 'EXTERNAL_REPORT',
        themes: ['HEALTH', 'HOUSING'],
        integrated: false,
        outcome: 'CLOSURE',
      },
      {
        agency: A,
        activationId: id(3),
        openedAt: '2020-06-15T10:00:00Z',
        trigger: 'EXTERNAL_REPORT',
        themes: ['TRANSPORT'],
        region: 'VR16',
      },
      {
        agency: A,
        activationId: id(4),
        openedAt: '2020-07-02T10:00:00Z',
        themes: ['WORK'],
        integrated: true,
        outcome: 'WARNING',
      },
      {
        agency: A,
        activationId: id(5),
        // 00:30 on 1 June in Amsterdam: a June activation, although still May in UTC.
        openedAt: '2020-05-31T22:30:00Z',
        kind: 'REPRESSIVE',
        themes: ['HEALTH', 'WORK', 'HOUSING'],
      },
      // B's rows, one of them the same activation: never counted for A.
      { agency: B, activationId: id(1), openedAt: '2020-05-10T10:00:00Z', themes: ['HOUSING', 'WORK'] },
      { agency: B, activationId: id(6), openedAt: '2020-08-10T10:00:00Z', themes: ['WORK'], region: 'VR01' },
    ]);
    coordinatorA = await tokenFor({ userId: 'coord-a', agency: A, role: 'COORDINATOR', region: 'VR17' });
  });

  afterAll(() => harness?.close());

  const statistics = async (filter?: Record<string, unknown>, token = coordinatorA) => {
    const response = await query<{ statistics: Statistics }>(url, token, STATISTICS, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.statistics;
  };

  it('counts distinct activations per kind, theme, trigger, deployment, outcome, region and month', async () => {
    const figures = await statistics();
    expect(figures.total).toBe(5);
    expect(counts(figures, 'byKind')).toEqual({ PREVENTIVE: 3, REPRESSIVE: 2 });
    // Themes overlap: 3 + 3 + 1 + 2 = 9 over 5 activations.
    expect(counts(figures, 'byTheme')).toEqual({ HOUSING: 3, WORK: 3, TRANSPORT: 1, HEALTH: 2 });
    expect(counts(figures, 'byTrigger')).toEqual({ OWN_OBSERVATION: 3, EXTERNAL_REPORT: 2 });
    expect(counts(figures, 'byIntegratedDeployment')).toEqual({ YES: 2, NO: 1, UNDECIDED: 2 });
    expect(counts(figures, 'byOutcome')).toEqual({
      WARNING: 1,
      ORDER: 0,
      FINE: 1,
      CLOSURE: 1,
      REFERRAL: 0,
      NONE: 2,
      NOT_VISIBLE: 0,
    });
    expect(counts(figures, 'byRegion')).toEqual({ VR16: 1, VR17: 4 });
    expect(figures.byMonth).toEqual([
      { key: '2020-05', count: 1 },
      { key: '2020-06', count: 3 },
      { key: '2020-07', count: 1 },
    ]);
  });

  it('filters activations by theme without losing their other themes', async () => {
    const figures = await statistics({ theme: 'HOUSING' });
    expect(figures.total).toBe(3);
    expect(counts(figures, 'byTheme')).toEqual({ HOUSING: 3, WORK: 2, TRANSPORT: 0, HEALTH: 2 });
    expect(counts(figures, 'byKind')).toEqual({ PREVENTIVE: 1, REPRESSIVE: 2 });
  });

  it('filters by region, kind, trigger and period', async () => {
    expect((await statistics({ region: 'VR17', kind: 'PREVENTIVE' })).total).toBe(2);
    expect((await statistics({ trigger: 'EXTERNAL_REPORT' })).total).toBe(2);
    const june = await statistics({ from: '2020-06-01T00:00:00+02:00', to: '2020-07-01T00:00:00+02:00' });
    expect(june.total).toBe(3);
    expect(june.byMonth).toEqual([{ key: '2020-06', count: 3 }]);
  });

  it("counts only the agency's own rows, and zeros for an agency that sees nothing", async () => {
    const b = await statistics({}, await tokenFor({ userId: 'insp-b', agency: B, role: 'INSPECTOR' }));
    expect(b.total).toBe(2);
    expect(counts(b, 'byRegion')).toEqual({ VR01: 1, VR17: 1 });
    const none = await statistics(
      {},
      await tokenFor({ userId: 'sys', agency: EMPTY, role: 'AGENCY_SYSTEM' }),
    );
    expect(none.total).toBe(0);
    expect(counts(none, 'byKind')).toEqual({ PREVENTIVE: 0, REPRESSIVE: 0 });
    expect(none.byMonth).toEqual([]);
  });

  it('refuses a malformed filter', async () => {
    const response = await query(url, coordinatorA, STATISTICS, { filter: { theme: 'FISHING' } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});
