import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
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

const FIELDS = ['reason'] as const;
type Decision = 'approve' | 'reject';

/** The second privacy officer's decision on a request they did not make, with its reason (four eyes). */
export function ErasureDecision({
  request,
  onDecided,
}: {
  request: ErasureRequest;
  onDecided: (status: 'APPROVED' | 'REJECTED') => void;
}) {
  const intl = useIntl();
  const id = useId();
  const [reason, setReason] = useState('');
  const commands = { approve: useCommand(APPROVE, FIELDS), reject: useCommand(REJECT, FIELDS) };
  const [last, setLast] = useState<Decision>('approve');
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
      input: { erasureId: request.erasureId, commandId, reason },
    }));
    if (!done || done === 'queued') return;
    setReason('');
    onDecided(decision === 'approve' ? 'APPROVED' : 'REJECTED');
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        <FormattedMessage
          id="erasure.decide.heading"
          values={{
            scope: intl.formatMessage({ id: `erasure.scope.${request.scope}` }),
            requestedBy: request.requestedBy,
          }}
        />
      </h2>
      <p className="utrecht-paragraph">
        {intl.formatMessage({ id: `erasure.ground.${request.ground}` })}: {request.reason}
      </p>
      <form className="utrecht-form" noValidate onSubmit={(event) => void decide(event)}>
        <FormField
          name="reason"
          label="erasure.field.decisionReason"
          hint="erasure.hint.reason"
          error={command.error('reason')}
        >
          {(control) => (
            <textarea
              {...control}
              ref={(element) => {
                for (const each of Object.values(commands)) each.control('reason')(element);
              }}
              className="utrecht-textarea utrecht-textarea--html-textarea"
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </FormField>
        <FormOutcome unplaced={command.unplaced} />
        <div className="utrecht-button-group">
          {(['approve', 'reject'] as const).map((decision) => (
            <button
              key={decision}
              type="submit"
              name="decision"
              value={decision}
              className={`utrecht-button utrecht-button--${decision === 'approve' ? 'primary' : 'secondary'}-action`}
              disabled={commands[decision].fetching}
            >
              <FormattedMessage id={`erasure.${decision}.button`} />
            </button>
          ))}
        </div>
      </form>
    </section>
  );
}
