import { randomUUID } from 'node:crypto';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';

export interface CommandResult {
  activationId: string;
  streamVersion: number;
  eventIds: string[];
  duplicate: boolean;
}

/** Every activation mutation takes `input: <Name>Input!` and answers an ActivationCommandResult. */
export type ActivationMutation =
  | 'openActivation'
  | 'recordSignal'
  | 'inviteAgency'
  | 'joinActivation'
  | 'leaveActivation'
  | 'escalateActivation'
  | 'scheduleInspection'
  | 'completeInspection'
  | 'cancelInspection'
  | 'recordFinding'
  | 'imposeIntervention'
  | 'makeReferral'
  | 'decideIntegratedDeployment'
  | 'fileReport'
  | 'closeActivation'
  | 'reopenActivation';

const document = (name: ActivationMutation) => {
  const input = `${name[0].toUpperCase()}${name.slice(1)}Input`;
  return `mutation Act($input: ${input}!) {
    ${name}(input: $input) { activationId streamVersion eventIds duplicate }
  }`;
};

/** Sends one activation mutation over HTTP and returns its result (or errors) without judging them. */
export async function send(
  url: string,
  name: ActivationMutation,
  input: Record<string, unknown>,
  token?: string,
): Promise<GraphqlResponse & { result?: CommandResult }> {
  const response = await graphql<Record<string, CommandResult>>(url, document(name), { input }, token);
  return { ...response, result: response.data?.[name] ?? undefined };
}

/** The people of the scenario: an inspector of each agency, the Rotterdam-Rijnmond coordinator, outsiders. */
export async function scenarioTokens() {
  const [nla, gemeente, uwv, coordinator, svb, policyAdmin] = await Promise.all([
    tokenFor({ userId: 'insp-nla', agency: 'NLA', role: 'INSPECTOR' }),
    tokenFor({ userId: 'insp-gm0599', agency: 'GM0599', role: 'INSPECTOR' }),
    tokenFor({ userId: 'insp-uwv', agency: 'UWV', role: 'INSPECTOR' }),
    tokenFor({ userId: 'coord-vr17', agency: 'VR17', role: 'COORDINATOR', region: 'VR17' }),
    tokenFor({ userId: 'insp-svb', agency: 'SVB', role: 'INSPECTOR' }),
    tokenFor({ userId: 'pa-nla', agency: 'NLA', role: 'POLICY_ADMIN' }),
  ]);
  return { nla, gemeente, uwv, coordinator, svb, policyAdmin };
}

export const openPreventiveInput = (overrides: Record<string, unknown> = {}) => ({
  activationId: randomUUID(),
  kind: 'PREVENTIVE',
  trigger: 'EXTERNAL_REPORT',
  themes: ['HOUSING', 'WORK', 'HEALTH'],
  region: 'VR17',
  municipality: 'GM0599',
  leadAgency: 'NLA',
  location: { address: 'Kasweg 12', postcode: '3011 AB', city: 'Rotterdam' },
  employer: { name: 'Kas BV', kvkNumber: '12345678', staffingAgency: { name: 'Flex Uitzend BV' } },
  ...overrides,
});
