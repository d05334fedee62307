import { expect } from '@jest/globals';
import { graphql } from './graphql-client.js';
import { tokenFor } from './test-tokens.js';

/**
 * Agreements as tests need them: in force, which since four eyes takes two organisations. The other party
 * (NLA, or VR17 for NLA's own agreements) proposes and the recipient's policy admin approves, both through
 * the api with real tokens, as the demo does.
 */
export function otherPartyOf(agency: string): string {
  return agency === 'NLA' ? 'VR17' : 'NLA';
}

export function policyAdminToken(agency: string): Promise<string> {
  return tokenFor({ userId: `beleid@${agency.toLowerCase()}`, agency, role: 'POLICY_ADMIN' });
}

export const PROPOSE_AGREEMENT = `mutation ($input: ProposeAgreementInput!) {
  proposeAgreement(input: $input) { agreementId version streamVersion eventIds }
}`;
export const APPROVE_AGREEMENT = `mutation ($input: ApproveAgreementInput!) {
  approveAgreement(input: $input) { agreementId version streamVersion eventIds }
}`;
export const REJECT_AGREEMENT = `mutation ($input: RejectAgreementInput!) {
  rejectAgreement(input: $input) { agreementId version streamVersion eventIds }
}`;

/** Proposes the agreement as the other party and approves it as the recipient; returns its id. */
export async function agreeInForce(
  url: string,
  input: { agency: string; agreementId?: string } & Record<string, unknown>,
  /** A policy admin's token of the agency: by default one the tests sign, or one of the identity provider. */
  adminToken: (agency: string) => Promise<string> = policyAdminToken,
): Promise<string> {
  const approverAgency = (input.approverAgency as string | undefined) ?? otherPartyOf(input.agency);
  const proposed = await graphql<{ proposeAgreement: { agreementId: string } }>(
    url,
    PROPOSE_AGREEMENT,
    { input: { ...input, approverAgency } },
    await adminToken(approverAgency),
  );
  expect(proposed.errors).toBeUndefined();
  const { agreementId } = proposed.data!.proposeAgreement;
  const approved = await graphql(
    url,
    APPROVE_AGREEMENT,
    { input: { agreementId, reason: 'Convenant getekend' } },
    await adminToken(input.agency),
  );
  expect(approved.errors).toBeUndefined();
  return agreementId;
}

/** Revokes the agreement as the recipient's policy admin (either party may). */
export async function revokeAgreement(url: string, agency: string, agreementId: string): Promise<void> {
  const { errors } = await graphql(
    url,
    `
      mutation ($input: RevokeAgreementInput!) {
        revokeAgreement(input: $input) {
          eventIds
        }
      }
    `,
    { input: { agreementId, reason: 'Grondslag vervallen' } },
    await policyAdminToken(agency),
  );
  expect(errors).toBeUndefined();
}
