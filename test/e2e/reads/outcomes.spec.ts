import { randomUUID } from 'node:crypto';
import { graphql } from '../../support/graphql-client.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * Issue 15, item 9: outcomes that do not lie. An agency whose agreements do not cover INTERVENTION (UWV in
 * the demo agreements) used to read `outcome: null` and count the case as NONE in its statistics: "no
 * measures" about a case with a € 12,000 fine. It now reads NOT_VISIBLE, and its withheld covers the whole
 * activation as it sees it, not only the opening.
 */

const ACTIVATION = `query ($id: ID!) { activation(id: $id) { strongestMeasure outcome withheld } }`;
const STATISTICS = `query { statistics { total byOutcome { key count } } }`;

type Figures = { total: number; byOutcome: { key: string; count: number }[] };

describe('outcomes as the viewer may know them', () => {
  const scenario = new FeedsScenario();
  const fined = randomUUID();

  beforeAll(async () => {
    await scenario.start();
    await scenario.openActivation(fined, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
    await scenario.act('NLA', 'recordSignal', {
      activationId: fined,
      source: { kind: 'ANONYMOUS' },
      description: 'Melding van een strafbaar feit op de bouwplaats.',
      descriptionCategories: ['CASE', 'CRIMINAL'],
    });
    const [fine] = await scenario.act('NLA', 'imposeIntervention', {
      activationId: fined,
      interventionType: 'FINE',
      description: 'Onderbetaling.',
      amountEuroCents: 1_200_000,
    });
    await scenario.fedTo('NLA', fine);
    await eventually(async () => {
      const { data } = await graphql<{ activation: { strongestMeasure: string } }>(
        scenario.url,
        ACTIVATION,
        { id: fined },
        scenario.tokens.NLA,
      );
      return data?.activation.strongestMeasure === 'FINE';
    }, 10_000);
  }, 120_000);
  afterAll(() => scenario.stop());

  const activationAs = async (agency: string) => {
    const { data, errors } = await graphql<{
      activation: { strongestMeasure: string; outcome: string | null; withheld: string[] };
    }>(scenario.url, ACTIVATION, { id: fined }, scenario.tokens[agency]);
    expect(errors).toBeUndefined();
    return data!.activation;
  };

  it('tells an agency that sees measures the strongest one', async () => {
    expect(await activationAs('NLA')).toMatchObject({ strongestMeasure: 'FINE', outcome: 'FINE' });
  });

  it('tells an agency without INTERVENTION that measures are not visible, never that there are none', async () => {
    const uwv = await activationAs('UWV');
    expect(uwv.strongestMeasure).toBe('NOT_VISIBLE');
    expect(uwv.outcome).toBeNull();
    expect(uwv.withheld).toContain('INTERVENTION');
  });

  it('lists in withheld what any event it sees withholds, not only the opening', async () => {
    // The signal's description carries CRIMINAL, which UWV's agreements do not cover.
    expect((await activationAs('UWV')).withheld).toContain('CRIMINAL');
    expect((await activationAs('NLA')).withheld).not.toContain('CRIMINAL');
  });

  it('counts an outcome an agency may not see as NOT_VISIBLE in its statistics, never as NONE', async () => {
    const figures = async (agency: string) => {
      const { data, errors } = await graphql<{ statistics: Figures }>(
        scenario.url,
        STATISTICS,
        {},
        scenario.tokens[agency],
      );
      expect(errors).toBeUndefined();
      return Object.fromEntries(data!.statistics.byOutcome.map((row) => [row.key, row.count]));
    };
    const uwv = await figures('UWV');
    expect(uwv).toMatchObject({ NOT_VISIBLE: 1, NONE: 0, FINE: 0 });
    const nla = await figures('NLA');
    expect(nla).toMatchObject({ FINE: 1, NOT_VISIBLE: 0 });
  });
});
