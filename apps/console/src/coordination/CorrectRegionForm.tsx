import { useState } from 'react';
import { graphql } from '../api/generated';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
import { CommandForm, CommandTextField } from './command-form';
import type { CoordinatedActivation } from './coordinated-activation';

const CORRECT_REGION = graphql(`
  mutation ConsoleCorrectRegion($input: CorrectRegionInput!) {
    correctRegion(input: $input) {
      activationId
      version
    }
  }
`);

const FIELDS = ['region', 'municipality', 'reason'] as const;

/**
 * Moving an activation that was logged in the wrong region (a correction with a reason, AVG art. 16): it
 * goes to the right region's coordinators, and this region no longer sees it.
 */
export function CorrectRegionForm({
  activation,
  onDone,
}: {
  activation: CoordinatedActivation;
  onDone: () => void;
}) {
  const command = useCommand(CORRECT_REGION, FIELDS);
  const [region, setRegion] = useState(activation.region);
  const [municipality, setMunicipality] = useState(activation.municipality);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  async function submit() {
    setSaved(false);
    const done = await command.send((commandId) => ({
      input: {
        commandId,
        activationId: activation.id,
        expectedVersion: activation.version,
        region: region.trim(),
        municipality: municipality.trim(),
        reason: reason.trim(),
      },
    }));
    if (!done) return;
    setSaved(true);
    onDone();
  }
  return (
    <ActionSection title="correctRegion.heading">
      <CommandForm
        command={command}
        saved={saved && 'correctRegion.saved'}
        submit="correctRegion.submit"
        onSubmit={submit}
      >
        <CommandTextField
          command={command}
          name="region"
          label="correctRegion.region"
          hint="correctRegion.region.hint"
          value={region}
          onChange={setRegion}
        />
        <CommandTextField
          command={command}
          name="municipality"
          label="correctRegion.municipality"
          hint="correctRegion.municipality.hint"
          value={municipality}
          onChange={setMunicipality}
        />
        <CommandTextField
          command={command}
          name="reason"
          label="correctRegion.reason"
          value={reason}
          onChange={setReason}
          rows={2}
        />
      </CommandForm>
    </ActionSection>
  );
}
