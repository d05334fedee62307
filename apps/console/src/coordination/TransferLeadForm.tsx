import { useState } from 'react';
import { graphql } from '../api/generated';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
import { CommandForm, CommandTextField } from './command-form';
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

/**
 * The lead passes to another participating agency (offered as suggestions); the api refuses an agency that
 * does not take part, at the field.
 */
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
  async function submit() {
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
      <CommandForm
        command={command}
        saved={saved && 'transfer.saved'}
        submit="transfer.submit"
        onSubmit={submit}
      >
        <CommandTextField
          command={command}
          name="toAgency"
          label="transfer.toAgency"
          hint="transfer.toAgency.hint"
          value={toAgency}
          onChange={setToAgency}
          list="transfer-participants"
        />
        <datalist id="transfer-participants">
          {activation.participants
            .filter((agency) => agency !== activation.leadAgency)
            .map((agency) => (
              <option key={agency} value={agency} />
            ))}
        </datalist>
        <CommandTextField
          command={command}
          name="reason"
          label="transfer.reason"
          value={reason}
          onChange={setReason}
          rows={2}
        />
      </CommandForm>
    </ActionSection>
  );
}
