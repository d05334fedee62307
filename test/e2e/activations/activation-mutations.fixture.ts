import { randomUUID } from 'node:crypto';
import { activationStreamId, VersionTokens } from '#events';
import { loadConfig } from '#platform';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';

export interface CommandResult {
  activationId: string;
  /** The activation's version after the command: an opaque token, for the next command's expectedVersion. */
  version: string;
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
  | 'reopenActivation'
  | 'transferLead'
  | 'proposeClosing'
  | 'declineInvitation'
  | 'correctSubject'
  | 'correctFinding'
  | 'withdrawEntry'
  | 'correctLocation'
  | 'correctEmployer'
  | 'correctRegion';

const document = (name: ActivationMutation) => {
  const input = `${name[0].toUpperCase()}${name.slice(1)}Input`;
  return `mutation Act($input: ${input}!) {
    ${name}(input: $input) { activationId version eventIds duplicate }
  }`;
};

const versionTokens = new VersionTokens(
  loadConfig({ VERSION_TOKEN_KEY: process.env.VERSION_TOKEN_KEY ?? '' }).versionTokenKey,
);

/**
 * The token the api gives an activation at a stream version. Tests know the development key, so they may
 * say "after its third event" without a round trip; clients only ever get tokens from the api.
 */
export function versionOf(activationId: string, streamVersion: number): string {
  return versionTokens.of(activationStreamId(activationId), streamVersion);
}

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
  title: 'Kas Westland: overbewoning',
  trigger: 'EXTERNAL_REPORT',
  themes: ['HOUSING', 'WORK', 'HEALTH'],
  region: 'VR17',
  municipality: 'GM0599',
  leadAgency: 'NLA',
  location: { address: 'Kasweg 12', postcode: '3011 AB', city: 'Rotterdam' },
  employer: { name: 'Kas BV', kvkNumber: '12345678', staffingAgency: { name: 'Flex Uitzend BV' } },
  ...overrides,
});
