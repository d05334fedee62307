import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { graphql } from '../api/generated';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
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
  async function submit(event: FormEvent) {
    event.preventDefault();
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
  const text = (field: 'region' | 'municipality', value: string, set: (value: string) => void) => (
    <FormField
      name={field}
      label={`correctRegion.${field}`}
      hint={`correctRegion.${field}.hint`}
      error={command.error(field)}
    >
      {(control) => (
        <input
          {...control}
          ref={command.control(field)}
          className="utrecht-textbox utrecht-textbox--html-input"
          autoComplete="off"
          value={value}
          onChange={(event) => set(event.target.value)}
        />
      )}
    </FormField>
  );
  return (
    <ActionSection title="correctRegion.heading">
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
        {text('region', region, setRegion)}
        {text('municipality', municipality, setMunicipality)}
        <FormField name="reason" label="correctRegion.reason" error={command.error('reason')}>
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
        <FormOutcome
          unplaced={command.unplaced}
          saved={saved && <FormattedMessage id="correctRegion.saved" />}
        />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id="correctRegion.submit" />
        </button>
      </form>
    </ActionSection>
  );
}
