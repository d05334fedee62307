import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import { DecisionForm, useDecision } from '../shared/forms/decision-form';
import type { ErasureRequest } from './erasure-request';

const APPROVE = graphql(`
  mutation ConsoleApproveErasure($input: ApproveErasureInput!) {
    approveErasure(input: $input) {
      erasureId
      status
    }
  }
`);

const REJECT = graphql(`
  mutation ConsoleRejectErasure($input: RejectErasureInput!) {
    rejectErasure(input: $input) {
      erasureId
      status
    }
  }
`);

/** The second privacy officer's decision on a request they did not make, with its reason (four eyes). */
export function ErasureDecision({
  request,
  onDecided,
}: {
  request: ErasureRequest;
  onDecided: (status: 'APPROVED' | 'REJECTED') => void;
}) {
  const intl = useIntl();
  const variables = (commandId: string, reason: string) => ({
    input: { erasureId: request.erasureId, commandId, reason },
  });
  const decisions = [
    useDecision({
      value: 'APPROVED',
      button: 'erasure.approve.button',
      primary: true,
      mutation: APPROVE,
      variables,
    }),
    useDecision({ value: 'REJECTED', button: 'erasure.reject.button', mutation: REJECT, variables }),
  ] as const;
  return (
    <DecisionForm
      heading={
        <FormattedMessage
          id="erasure.decide.heading"
          values={{
            scope: intl.formatMessage({ id: `erasure.scope.${request.scope}` }),
            requestedBy: request.requestedBy,
          }}
        />
      }
      reason={{ label: 'erasure.field.decisionReason', hint: 'erasure.hint.reason' }}
      decisions={decisions}
      onDecided={onDecided}
    >
      <p className="utrecht-paragraph">
        {intl.formatMessage({ id: `erasure.ground.${request.ground}` })}: {request.reason}
      </p>
    </DecisionForm>
  );
}
