import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import { FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { ReasonField } from './reason-field';

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

const FIELDS = ['reason'] as const;
type Decision = 'approve' | 'reject' | 'revoke';

/**
 * A decision on an agreement, with its reason: approving or rejecting the proposal waiting for the agency,
 * or revoking the agreement in force. Sent with the version shown, so a decision is never made on terms
 * that changed meanwhile.
 */
export function DecisionForm({
  agreementId,
  version,
  decisions,
  onDecided,
}: {
  agreementId: string;
  version: string;
  decisions: readonly Decision[];
  onDecided: (decision: Decision) => void;
}) {
  const intl = useIntl();
  const id = useId();
  const [reason, setReason] = useState('');
  const commands = {
    approve: useCommand(APPROVE, FIELDS),
    reject: useCommand(REJECT, FIELDS),
    revoke: useCommand(REVOKE, FIELDS),
  };
  const [last, setLast] = useState<Decision>(decisions[0]!);
  const command = commands[last];

  async function decide(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const decision = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value as
      Decision | undefined;
    if (!decision) return;
    setLast(decision);
    if (reason.trim() === '')
      return commands[decision].refuse({
        message: '',
        fields: { reason: intl.formatMessage({ id: 'form.required' }) },
      });
    const done = await commands[decision].send((commandId) => ({
      input: { agreementId, commandId, expectedVersion: version, reason },
    }));
    if (!done) return;
    setReason('');
    onDecided(decision);
  }

  const heading = decisions.includes('revoke') ? 'policy.revoke.heading' : 'policy.decide.heading';
  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        <FormattedMessage id={heading} />
      </h2>
      <form className="utrecht-form" noValidate onSubmit={(event) => void decide(event)}>
        <ReasonField
          value={reason}
          onChange={setReason}
          error={command.error('reason')}
          focusRef={(element) => {
            for (const each of Object.values(commands)) each.control('reason')(element);
          }}
        />
        <FormOutcome unplaced={command.unplaced} />
        <div className="utrecht-button-group">
          {decisions.map((decision) => (
            <button
              key={decision}
              type="submit"
              name="decision"
              value={decision}
              className={`utrecht-button utrecht-button--${decision === 'approve' ? 'primary' : 'secondary'}-action`}
              disabled={commands[decision].fetching}
            >
              <FormattedMessage id={`policy.${decision}.button`} />
            </button>
          ))}
        </div>
      </form>
    </section>
  );
}
