import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataCategory } from '#domain';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { agreeInForce } from '../../support/agreements.js';
import { tokenFor } from '../../support/test-tokens.js';
import { send } from '../activations/activation-mutations.fixture.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, CRIMINAL, INTERVENTION, REPORT } =
  DataCategory;

/** The demo agreements of DESIGN §4, as the demo scenario grants them. */
const AGREEMENTS: Record<string, DataCategory[]> = {
  NLA: [CASE, LOCATION, EMPLOYER, PERSONAL, INCOME, BENEFITS, CRIMINAL, INTERVENTION, REPORT],
  GM0599: [CASE, LOCATION, EMPLOYER, PERSONAL, INTERVENTION, REPORT],
  VR17: [CASE, LOCATION, EMPLOYER, HEALTH, INTERVENTION, REPORT],
  UWV: [CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME],
  SVB: [CASE, EMPLOYER, PERSONAL, BENEFITS],
  BD: [CASE, EMPLOYER, INCOME, TAX],
};
const FINDING_CATEGORIES = [LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, CRIMINAL];
const ACTIVATION = 'six-agencies-1';
const WORKER = { subjectId: 'p-1', name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL' };
const description = (category: string) => `finding about ${category.toLowerCase()} (marker-${category})`;

interface TimelineEntry {
  type: string;
  payload: Record<string, unknown>;
  withheld: string[];
}

/**
 * The demo agreements end to end: one activation touching every category, through the real api and
 * worker, and each of the six agencies' activation, timeline and statistics checked field by field.
 */
describe('six agencies see one activation exactly as their agreements allow', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let worker: INestApplication;
  let url: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await database.create();
    worker = await startWorker(database.env);
    ({ app: api, url } = await startApi(database.env));
    for (const agency of Object.keys(AGREEMENTS)) {
      tokens[agency] = await tokenFor(
        agency === 'VR17'
          ? { userId: 'coord@vr17', agency, role: 'COORDINATOR', region: 'VR17' }
          : { userId: `insp@${agency.toLowerCase()}`, agency, role: 'INSPECTOR' },
      );
    }
    tokens.admin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });

    const scenario = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../deploy/demo/demo-scenario.json'), 'utf8'),
    ) as { steps: { mutation: string; input: { agency: string } }[] };
    for (const step of scenario.steps.filter(
      (s) => s.mutation === 'proposeAgreement' && AGREEMENTS[s.input.agency],
    )) {
      await agreeInForce(url, step.input);
    }

    const act = async (agency: string, name: Parameters<typeof send>[1], input: Record<string, unknown>) => {
      const { errors } = await send(url, name, { activationId: ACTIVATION, ...input }, tokens[agency]);
      expect(errors).toBeUndefined();
    };
    await act('NLA', 'openActivation', {
      kind: 'PREVENTIVE',
      title: 'Kas Westland: zes instanties',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      location: { address: 'Havenstraat 12', postcode: '3011 AB', city: 'Rotterdam' },
      employer: { name: 'Kas BV', kvkNumber: '12345678' },
    });
    for (const agency of ['GM0599', 'UWV', 'SVB', 'BD']) await act('NLA', 'inviteAgency', { agency });
    for (const agency of ['GM0599', 'UWV', 'SVB', 'BD']) await act(agency, 'joinActivation', {});
    for (const category of FINDING_CATEGORIES) {
      await act('NLA', 'recordFinding', {
        findingId: `f-${category}`,
        category,
        description: description(category),
        subjects: [WORKER],
        ...([INCOME, BENEFITS, TAX].includes(category)
          ? { amounts: [{ label: 'bedrag', euroCents: 12345 }] }
          : {}),
      });
    }
    await act('NLA', 'imposeIntervention', {
      interventionId: 'fine-1',
      interventionType: 'FINE',
      description: 'Boete onderbetaling',
      amountEuroCents: 1_200_000,
    });
    await act('VR17', 'decideIntegratedDeployment', {
      integrated: true,
      agencies: ['NLA', 'GM0599'],
      rationale: 'Samen',
    });
    await act('NLA', 'fileReport', { reportId: 'r-1', summary: 'Procesverslag', outcome: 'Boete' });
    await act('VR17', 'closeActivation', { outcome: 'Afgerond' });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  const query = <T>(agency: string, q: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(url, q, variables, tokens[agency]);

  it('answers a mutation with the activation as the caller sees it once the projector has it', async () => {
    const { data, errors } = await graphql<{
      reopenActivation: { view: string; activation: { status: string } };
    }>(
      url,
      `
        mutation ($input: ReopenActivationInput!) {
          reopenActivation(input: $input) {
            view
            activation {
              status
            }
          }
        }
      `,
      { input: { activationId: ACTIVATION, reason: 'Nieuwe signalen' } },
      tokens.VR17,
    );
    expect(errors).toBeUndefined();
    expect(data?.reopenActivation).toEqual({ view: 'CURRENT', activation: { status: 'IN_PROGRESS' } });
  });

  it.each(Object.entries(AGREEMENTS))(
    '%s: the activation row holds exactly its categories',
    async (agency, granted) => {
      const { data, errors } = await query<{ activation: Record<string, unknown> }>(
        agency,
        `query($id: ID!) { activation(id: $id) { id kind status leadAgency participants integratedDeployment outcome
         location { address city } employer { name kvkNumber } withheld } }`,
        { id: ACTIVATION },
      );
      expect(errors).toBeUndefined();
      const activation = data!.activation;
      expect(activation).toMatchObject({
        id: ACTIVATION,
        kind: 'PREVENTIVE',
        leadAgency: 'NLA',
        participants: ['NLA', 'GM0599', 'UWV', 'SVB', 'BD'],
        integratedDeployment: true,
        // The outcome is a measure imposed: an INTERVENTION fact, "no placeholder, no count" without it.
        outcome: granted.includes(INTERVENTION) ? 'FINE' : null,
      });
      expect(activation.location).toEqual(
        granted.includes(LOCATION) ? { address: 'Havenstraat 12', city: 'Rotterdam' } : null,
      );
      expect(activation.employer).toEqual(
        granted.includes(EMPLOYER) ? { name: 'Kas BV', kvkNumber: '12345678' } : null,
      );
      // withheld covers the whole activation as the agency sees it: what any of its timeline entries
      // withholds, and INTERVENTION when measures are not visible to it; never a category it holds.
      const timeline = await query<{ timeline: { edges: { node: { withheld: string[] } }[] } }>(
        agency,
        `query($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { withheld } } } }`,
        { id: ACTIVATION },
      );
      const expectedWithheld = new Set(timeline.data!.timeline.edges.flatMap((e) => e.node.withheld));
      if (!granted.includes(INTERVENTION)) expectedWithheld.add(INTERVENTION);
      expect(activation.withheld).toEqual([...expectedWithheld].sort());
      for (const category of [LOCATION, EMPLOYER])
        expect((activation.withheld as string[]).includes(category)).toBe(!granted.includes(category));
      for (const category of activation.withheld as string[]) expect(granted).not.toContain(category);
    },
  );

  it.each(Object.entries(AGREEMENTS))(
    '%s: the timeline shows exactly what its categories allow',
    async (agency, agreed) => {
      // NLA recorded the findings and the measure: an author sees all of what it recorded itself.
      const granted: readonly string[] = agency === 'NLA' ? Object.values(DataCategory) : agreed;
      const { data, errors } = await query<{ timeline: { edges: { node: TimelineEntry }[] } }>(
        agency,
        `query($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { type payload withheld } } } }`,
        { id: ACTIVATION },
      );
      expect(errors).toBeUndefined();
      const entries = data!.timeline.edges.map((e) => e.node);
      const types = new Set(entries.map((e) => e.type));
      // An event whose primary category is missing does not exist for the agency: no placeholder, no count.
      expect(types.has('intervention.imposed')).toBe(granted.includes(INTERVENTION));
      expect(types.has('report.filed')).toBe(granted.includes(REPORT));
      expect(types.has('activation.opened')).toBe(true);

      // A finding is of its own category: without it the agency does not learn the finding exists.
      const findings = entries.filter((e) => e.type === 'finding.recorded');
      expect(findings.map((f) => f.payload.category).sort()).toEqual(
        FINDING_CATEGORIES.filter((category) => granted.includes(category)).sort(),
      );
      for (const finding of findings) {
        const category = finding.payload.category as DataCategory;
        // The description speaks of the person the finding is about: it carries PERSONAL besides the
        // finding's category (its default, as its author declared none).
        const seesText = granted.includes(PERSONAL);
        expect({ category, description: finding.payload.description }).toEqual({
          category,
          description: seesText
            ? { text: description(category), categories: [...new Set([category, PERSONAL])].sort() }
            : null,
        });
        expect({ category, subjects: finding.payload.subjects }).toEqual({
          category,
          subjects: seesText ? [expect.objectContaining({ name: 'Jan Kowalski', bsn: '111222333' })] : null,
        });
        if (finding.payload.amounts !== undefined) {
          expect({ category, amounts: finding.payload.amounts === null }).toEqual({
            category,
            amounts: false,
          });
        }
        for (const withheld of finding.withheld) expect(granted).not.toContain(withheld);
      }
      // No value of a withheld category anywhere: the markers of unseen findings never reach this agency.
      const serialised = JSON.stringify(entries);
      for (const category of FINDING_CATEGORIES) {
        expect({ category, leaked: serialised.includes(`marker-${category}`) }).toEqual({
          category,
          leaked: granted.includes(category) && granted.includes(PERSONAL),
        });
      }
      if (!granted.includes(PERSONAL)) expect(serialised).not.toContain('111222333');
    },
  );

  it.each(Object.entries(AGREEMENTS))(
    '%s: statistics count the activation once, with its outcome if the agency may know it',
    async (agency, granted) => {
      const { data, errors } = await query<{ statistics: Record<string, unknown> }>(
        agency,
        `{ statistics { total byKind { key count } byOutcome { key count } byIntegratedDeployment { key count }
         byRegion { key count } } }`,
      );
      expect(errors).toBeUndefined();
      const stats = data!.statistics as Record<string, { key: string; count: number }[]> & { total: number };
      expect(stats.total).toBe(1);
      expect(stats.byKind.filter((b) => b.count > 0)).toEqual([{ key: 'PREVENTIVE', count: 1 }]);
      expect(stats.byOutcome.filter((b) => b.count > 0)).toEqual([
        // Never "no measures" about a case whose measures the agency may not see.
        { key: granted.includes(INTERVENTION) ? 'FINE' : 'NOT_VISIBLE', count: 1 },
      ]);
      expect(stats.byRegion.filter((b) => b.count > 0)).toEqual([{ key: 'VR17', count: 1 }]);
    },
  );

  it('takes a revoked agreement out of the agency views within 5 seconds, and a new agreement, once approved, brings it back', async () => {
    const revoke = await graphql(
      url,
      `
        mutation ($input: RevokeAgreementInput!) {
          revokeAgreement(input: $input) {
            eventIds
          }
        }
      `,
      { input: { agreementId: 'demo-uwv', reason: 'Grondslag vervallen' } },
      tokens.admin,
    );
    expect(revoke.errors).toBeUndefined();
    const started = Date.now();
    let code: unknown;
    while (Date.now() - started < 5000) {
      const { errors } = await query('UWV', `query($id: ID!) { activation(id: $id) { id } }`, {
        id: ACTIVATION,
      });
      code = errors?.[0]?.extensions?.code;
      if (code === 'NOT_FOUND') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(code).toBe('NOT_FOUND');

    // A new agreement: proposed by NLA, in force once UWV's policy admin approves (four eyes).
    await agreeInForce(url, {
      agreementId: 'uwv-renewed',
      agency: 'UWV',
      categories: AGREEMENTS.UWV,
      purpose: 'Rechtmatigheid uitkeringen',
      legalBasis: { text: 'Wet SUWI art. 54', reference: 'Wet SUWI art. 54' },
      validFrom: '2026-01-01T00:00:00+01:00',
    });
    const back = Date.now();
    let income: unknown;
    while (Date.now() - back < 5000) {
      const { data } = await query<{ timeline: { edges: { node: TimelineEntry }[] } }>(
        'UWV',
        `query($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { type payload withheld } } } }`,
        { id: ACTIVATION },
      );
      income = (
        data?.timeline.edges.find((e) => e.node.payload.category === 'INCOME')?.node.payload.description as
          { text: string } | undefined
      )?.text;
      if (income) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(income).toBe(description(INCOME));
  });
});
