import { randomUUID } from 'node:crypto';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { openPreventiveInput } from '../activations/activation-mutations.fixture.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/*
 * Issue 13: no one can grant alone. A BD policy admin once granted BD `CASE, CRIMINAL` with legal basis
 * "geen" and it took effect, and a BD admin could revoke NLA's agreement. Here a BD admin tries both
 * through the api, in every form the api takes, and the test looks at what BD's inspector and NLA see
 * afterwards: nothing may have changed.
 */

const ME = `query { me { agreementsInForce { agreementId categories } } }`;
const TIMELINE = `query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }`;

const selfGrant = (agreementId: string) => ({
  agreementId,
  agency: 'BD',
  categories: ['CASE', 'CRIMINAL'],
  purpose: 'Eigen onderzoek',
  legalBasis: { text: 'geen', reference: 'geen' },
  validFrom: '2026-01-01T00:00:00+01:00',
});

describe('agreements need two organisations: a policy admin alone changes nothing', () => {
  const scenario = new FeedsScenario();
  const shared = randomUUID();
  let criminalFinding: string;
  let bdAdmin: string;
  let bdInspector: string;
  let marker = 0;

  /** Waits until the read models have passed everything written so far (a new signal NLA can see). */
  async function projected(): Promise<void> {
    const [eventId] = await scenario.act('NLA', 'recordSignal', {
      activationId: shared,
      signalId: `marker-${++marker}`,
      source: { kind: 'ANONYMOUS' },
      description: 'Controlebezoek gepland.',
      descriptionCategories: ['CASE'],
    });
    await eventually(async () => {
      const { data } = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } }>(
        scenario.url,
        TIMELINE,
        { id: shared },
        scenario.tokens.NLA,
      );
      return data?.timeline.edges.some((edge) => edge.node.eventId === eventId) ?? false;
    }, 10_000);
  }

  const bdSees = async () => {
    const me = await graphql<{ me: { agreementsInForce: { agreementId: string; categories: string[] }[] } }>(
      scenario.url,
      ME,
      {},
      bdInspector,
    );
    const timeline = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } }>(
      scenario.url,
      TIMELINE,
      { id: shared },
      bdInspector,
    );
    return {
      agreements: me.data?.me.agreementsInForce ?? [],
      events: timeline.data?.timeline.edges.map((edge) => edge.node.eventId) ?? [],
    };
  };

  beforeAll(async () => {
    await scenario.start();
    bdAdmin = await tokenFor({ userId: 'beleid@bd', agency: 'BD', role: 'POLICY_ADMIN' });
    bdInspector = scenario.tokens.BD;
    await scenario.act('NLA', 'openActivation', openPreventiveInput({ activationId: shared }));
    await scenario.act('NLA', 'inviteAgency', { activationId: shared, agency: 'BD' });
    await scenario.act('BD', 'joinActivation', { activationId: shared });
    [criminalFinding] = await scenario.act('NLA', 'recordFinding', {
      activationId: shared,
      findingId: 'f-uitbuiting',
      category: 'CRIMINAL',
      description: 'Signalen van uitbuiting: paspoorten ingenomen.',
    });
    await projected();
  }, 120_000);
  afterAll(() => scenario.stop());

  it("does not bring a BD admin's own grant for BD in force, in any form, nor change BD's read models", async () => {
    const before = await bdSees();
    expect(before.events).not.toContain(criminalFinding);
    const attempts = [
      graphql(
        scenario.url,
        `
          mutation ($input: GrantAgreementInput!) {
            grantAgreement(input: $input) {
              agreementId
            }
          }
        `,
        { input: selfGrant('bd-self-1') },
        bdAdmin,
      ),
      graphql(
        scenario.url,
        `
          mutation ($input: ProposeAgreementInput!) {
            proposeAgreement(input: $input) {
              agreementId
            }
          }
        `,
        { input: { ...selfGrant('bd-self-2'), approverAgency: 'NLA' } },
        bdAdmin,
      ),
      graphql(
        scenario.url,
        `
          mutation ($input: ApproveAgreementInput!) {
            approveAgreement(input: $input) {
              agreementId
            }
          }
        `,
        { input: { agreementId: 'bd-self-2', reason: 'Akkoord' } },
        bdAdmin,
      ),
    ];
    for (const attempt of attempts) await attempt;
    await projected();
    const after = await bdSees();
    expect(after.agreements).toEqual(before.agreements);
    expect(after.events).not.toContain(criminalFinding);
  });

  it("refuses a BD admin every change of NLA's agreement, as if it did not exist, and changes nothing", async () => {
    const mutations: [string, Record<string, unknown>][] = [
      ['revokeAgreement', { reason: 'Niet meer nodig' }],
      ['amendAgreement', { categories: ['CASE'], reason: 'Minder gegevens' }],
    ];
    for (const [name, input] of mutations) {
      const document = `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { agreementId } }`;
      const hidden = await graphql(
        scenario.url,
        document,
        { input: { agreementId: 'demo-nla', ...input } },
        bdAdmin,
      );
      const absent = await graphql(
        scenario.url,
        document,
        { input: { agreementId: 'demo-xyz', ...input } },
        bdAdmin,
      );
      expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(hidden).replaceAll('demo-nla', 'ID')).toBe(
        JSON.stringify(absent).replaceAll('demo-xyz', 'ID'),
      );
    }
    await projected();
    const nla = await graphql<{ me: { agreementsInForce: { agreementId: string; categories: string[] }[] } }>(
      scenario.url,
      ME,
      {},
      scenario.tokens.NLA,
    );
    const demoNla = nla.data?.me.agreementsInForce.find((a) => a.agreementId === 'demo-nla');
    expect(demoNla?.categories).toContain('CRIMINAL');
  });
});
