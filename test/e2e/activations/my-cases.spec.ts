import { randomUUID } from 'node:crypto';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import { send } from './activation-mutations.fixture.js';

/*
 * Issue 15, item 2: "my cases" as filters of `activations` — the ones my agency takes part in
 * (participating), and the ones I acted in myself (actedByMe).
 */

const LIST = `query ($filter: ActivationsFilter) { activations(first: 100, filter: $filter) { edges { node { id } } } }`;

describe('my cases: activations my agency takes part in, and those I acted in', () => {
  const scenario = new FeedsScenario();
  const mine: string = randomUUID();
  const colleagues: string = randomUUID();
  let colleague: string;

  beforeAll(async () => {
    await scenario.start();
    colleague = await tokenFor({ userId: 'collega@nla', agency: 'NLA', role: 'INSPECTOR' });
    await scenario.openActivation(mine, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
    const opened = await send(
      scenario.url,
      'openActivation',
      {
        activationId: colleagues,
        title: 'Controle collega',
        kind: 'PREVENTIVE',
        trigger: 'OWN_OBSERVATION',
        themes: ['WORK'],
        region: 'VR17',
        municipality: 'GM0599',
      },
      colleague,
    );
    expect(opened.errors).toBeUndefined();
    await eventually(async () => (await ids('VR17', {})).includes(colleagues), 10_000);
  }, 120_000);
  afterAll(() => scenario.stop());

  async function ids(tokenOf: string, filter: Record<string, unknown>): Promise<string[]> {
    const token = scenario.tokens[tokenOf] ?? tokenOf;
    const { data, errors } = await graphql<{ activations: { edges: { node: { id: string } }[] } }>(
      scenario.url,
      LIST,
      { filter },
      token,
    );
    expect(errors).toBeUndefined();
    return data!.activations.edges
      .map((edge) => edge.node.id)
      .filter((id) => [mine, colleagues].includes(id));
  }

  it('finds the cases I acted in, not my colleague’s', async () => {
    expect(await ids('NLA', { actedByMe: true })).toEqual([mine]);
    expect(await ids(colleague, { actedByMe: true })).toEqual([colleagues]);
    // UWV's inspector joined one of them: that is acting in it too.
    expect(await ids('UWV', { actedByMe: true })).toEqual([mine]);
  });

  it('finds the cases my agency takes part in, not those its coordinator only oversees', async () => {
    expect((await ids('NLA', { participating: true })).sort()).toEqual([mine, colleagues].sort());
    expect(await ids('UWV', { participating: true })).toEqual([mine]);
    expect((await ids('VR17', {})).sort()).toEqual([mine, colleagues].sort());
    expect(await ids('VR17', { participating: true })).toEqual([]);
    expect(await ids('VR17', { actedByMe: true })).toEqual([]);
  });
});
