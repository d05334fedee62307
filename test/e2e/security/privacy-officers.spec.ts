import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';

const ACTIVATION = 'privacy-officers-kas';
const DEMO_AGENCIES = ['NLA', 'GM0599', 'GM0344', 'VR17', 'VR09', 'UWV', 'SVB', 'BD'];
/** The participants holding PERSONAL under the demo agreements: their reads of the finding are logged. */
const READING_PERSONAL = ['NLA', 'GM0599', 'UWV', 'SVB'];

const TIMELINE =
  'query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }';
const ACCESS_LOG = `query ($filter: AccessLogFilter) {
  accessLog(filter: $filter, first: 100) { edges { node { agency userId activationId } } }
}`;

/**
 * Issue 12, item 6, for the privacy officer of every demo agency: several agencies read a person's data in
 * one activation; each privacy officer is answered with the reads of its own agency and nothing of the
 * others', however it asks.
 */
describe('the privacy officer of every agency', () => {
  const scenario = new FeedsScenario();

  beforeAll(async () => {
    await scenario.start();
    await scenario.openActivation(ACTIVATION, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV', 'SVB', 'BD'],
    });
    const [finding] = await scenario.act('NLA', 'recordFinding', {
      activationId: ACTIVATION,
      findingId: 'po-f-1',
      category: 'PERSONAL',
      description: 'Niet ingeschreven in de BRP.',
      subjects: [{ subjectId: 'po-p-1', name: 'Marta Wiśniewska', bsn: '123456782' }],
    });
    for (const agency of READING_PERSONAL) {
      await eventually(async () => {
        const { data } = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } }>(
          scenario.url,
          TIMELINE,
          { id: ACTIVATION },
          scenario.tokens[agency],
        );
        return data?.timeline.edges.some((edge) => edge.node.eventId === finding) === true;
      }, 15_000);
    }
    // Everyone who takes part or coordinates reads the timeline once more.
    for (const agency of [...READING_PERSONAL, 'BD', 'VR17']) {
      const { errors } = await graphql(scenario.url, TIMELINE, { id: ACTIVATION }, scenario.tokens[agency]);
      expect(errors).toBeUndefined();
    }
  }, 180_000);

  afterAll(() => scenario.stop());

  it.each(DEMO_AGENCIES)("answers %s's privacy officer with its own agency's reads only", async (agency) => {
    const officer = await tokenFor({ userId: `fg@${agency.toLowerCase()}`, agency, role: 'PRIVACY_OFFICER' });
    const ask = async (filter: Record<string, string>) => {
      const { data, errors } = await graphql<{ accessLog: { edges: { node: { agency: string } }[] } }>(
        scenario.url,
        ACCESS_LOG,
        { filter },
        officer,
      );
      expect(errors).toBeUndefined();
      return data!.accessLog.edges.map((edge) => edge.node.agency);
    };
    const byCase = await ask({ activationId: ACTIVATION });
    expect(new Set(byCase)).toEqual(new Set(READING_PERSONAL.includes(agency) ? [agency] : []));
    for (const filter of [
      { subjectId: 'po-p-1', activationId: ACTIVATION },
      { bsn: '123456782' },
      { agency: 'NLA' },
      {},
    ] as Record<string, string>[]) {
      expect((await ask(filter)).filter((reader) => reader !== agency)).toEqual([]);
    }
  });
});
