import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { graphql } from '../api/generated';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
import type { CoordinatedActivation } from './coordinated-activation';

const TRANSFER_LEAD = graphql(`
  mutation ConsoleTransferLead($input: TransferLeadInput!) {
    transferLead(input: $input) {
      activationId
      version
    }
  }
`);

const FIELDS = ['toAgency', 'reason'] as const;

/** The lead passes to another participating agency (the api refuses an agency that does not take part). */
export function TransferLeadForm({
  activation,
  onDone,
}: {
  activation: CoordinatedActivation;
  onDone: () => void;
}) {
  const command = useCommand(TRANSFER_LEAD, FIELDS);
  const [toAgency, setToAgency] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const done = await command.send((commandId) => ({
      input: {
        commandId,
        activationId: activation.id,
        expectedVersion: activation.version,
        toAgency: toAgency.trim(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      },
    }));
    if (!done) return;
    setSaved(true);
    setReason('');
    onDone();
  }
  return (
    <ActionSection title="transfer.heading">
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
        <FormField
          name="toAgency"
          label="transfer.toAgency"
          hint="transfer.toAgency.hint"
          error={command.error('toAgency')}
        >
          {(control) => (
            <input
              {...control}
              ref={command.control('toAgency')}
              className="utrecht-textbox utrecht-textbox--html-input"
              list="transfer-participants"
              autoComplete="off"
              value={toAgency}
              onChange={(event) => setToAgency(event.target.value)}
            />
          )}
        </FormField>
        <datalist id="transfer-participants">
          {activation.participants
            .filter((agency) => agency !== activation.leadAgency)
            .map((agency) => (
              <option key={agency} value={agency} />
            ))}
        </datalist>
        <FormField name="reason" label="transfer.reason" error={command.error('reason')}>
          {(control) => (
            <textarea
              {...control}
              ref={command.control('reason')}
              className="utrecht-textarea utrecht-textarea--html-textarea"
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </FormField>
        <FormOutcome unplaced={command.unplaced} saved={saved && <FormattedMessage id="transfer.saved" />} />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id="transfer.submit" />
        </button>
      </form>
    </ActionSection>
  );
}
