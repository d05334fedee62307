import { FormattedMessage } from 'react-intl';
import { graphql } from '../api/generated';
import { DecisionForm, useDecision } from '../shared/forms/decision-form';
import { POLICY_REASON } from './policy-reason';

const APPROVE = graphql(`
  mutation ConsoleApproveAgreement($input: ApproveAgreementInput!) {
    approveAgreement(input: $input) {
      agreementId
      version
    }
  }
`);

const REJECT = graphql(`
  mutation ConsoleRejectAgreement($input: RejectAgreementInput!) {
    rejectAgreement(input: $input) {
      agreementId
      version
    }
  }
`);

const REVOKE = graphql(`
  mutation ConsoleRevokeAgreement($input: RevokeAgreementInput!) {
    revokeAgreement(input: $input) {
      agreementId
      version
    }
  }
`);

type AgreementDecisionValue = 'approve' | 'reject' | 'revoke';

/**
 * A decision on an agreement, with its reason: approving or rejecting the proposal waiting for the agency,
 * or revoking the agreement in force. Sent with the version shown, so a decision is never made on terms
 * that changed meanwhile.
 */
export function AgreementDecision({
  agreementId,
  version,
  decisions: offered,
  onDecided,
}: {
  agreementId: string;
  version: string;
  decisions: readonly AgreementDecisionValue[];
  onDecided: (decision: AgreementDecisionValue) => void;
}) {
  const variables = (commandId: string, reason: string) => ({
    input: { agreementId, commandId, expectedVersion: version, reason },
  });
  const decisions = [
    useDecision({
      value: 'approve',
      button: 'policy.approve.button',
      primary: true,
      mutation: APPROVE,
      variables,
    }),
    useDecision({ value: 'reject', button: 'policy.reject.button', mutation: REJECT, variables }),
    useDecision({ value: 'revoke', button: 'policy.revoke.button', mutation: REVOKE, variables }),
  ].filter((decision) => offered.includes(decision.value));
  const heading = offered.includes('revoke') ? 'policy.revoke.heading' : 'policy.decide.heading';
  return (
    <DecisionForm
      heading={<FormattedMessage id={heading} />}
      reason={POLICY_REASON}
      decisions={decisions}
      onDecided={onDecided}
    />
  );
}
