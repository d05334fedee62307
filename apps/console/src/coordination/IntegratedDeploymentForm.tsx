import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import { FormField } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
import { CommandForm, CommandTextField } from './command-form';
import type { CoordinatedActivation } from './coordinated-activation';

const DECIDE = graphql(`
  mutation ConsoleDecideIntegratedDeployment($input: DecideIntegratedDeploymentInput!) {
    decideIntegratedDeployment(input: $input) {
      activationId
      version
    }
  }
`);

const FIELDS = ['integrated', 'agencies', 'rationale'] as const;

/** Whether the agencies act together (integrated deployment), which of them, and why. */
export function IntegratedDeploymentForm({
  activation,
  onDone,
}: {
  activation: CoordinatedActivation;
  onDone: () => void;
}) {
  const intl = useIntl();
  const command = useCommand(DECIDE, FIELDS);
  const [integrated, setIntegrated] = useState(true);
  const [agencies, setAgencies] = useState<readonly string[]>([]);
  const [rationale, setRationale] = useState('');
  const [saved, setSaved] = useState(false);
  async function submit() {
    setSaved(false);
    const done = await command.send((commandId) => ({
      input: {
        commandId,
        activationId: activation.id,
        expectedVersion: activation.version,
        integrated,
        agencies: integrated ? [...agencies] : [],
        rationale: rationale.trim(),
      },
    }));
    if (!done) return;
    setSaved(true);
    onDone();
  }
  const toggle = (agency: string, on: boolean) =>
    setAgencies((chosen) => (on ? [...chosen, agency] : chosen.filter((one) => one !== agency)));
  return (
    <ActionSection title="deployment.heading">
      <CommandForm
        command={command}
        saved={saved && 'deployment.saved'}
        submit="deployment.submit"
        onSubmit={submit}
      >
        <FormField name="integrated" label="deployment.integrated" error={command.error('integrated')}>
          {(control) => (
            <select
              {...control}
              ref={command.control('integrated')}
              className="utrecht-select utrecht-select--html-select"
              value={integrated ? 'yes' : 'no'}
              onChange={(event) => setIntegrated(event.target.value === 'yes')}
            >
              <option value="yes">{intl.formatMessage({ id: 'deployment.integrated.yes' })}</option>
              <option value="no">{intl.formatMessage({ id: 'deployment.integrated.no' })}</option>
            </select>
          )}
        </FormField>
        {integrated && (
          <fieldset
            className="utrecht-form-fieldset keten-checkboxes"
            aria-invalid={command.error('agencies') ? true : undefined}
            aria-describedby={command.error('agencies') ? 'deployment-agencies-error' : undefined}
          >
            <legend className="utrecht-form-fieldset__legend utrecht-form-label">
              <FormattedMessage id="deployment.agencies" />
            </legend>
            {command.error('agencies') && (
              <div className="utrecht-form-field-error-message" id="deployment-agencies-error">
                {command.error('agencies')}
              </div>
            )}
            {activation.participants.map((agency, index) => (
              <div key={agency} className="utrecht-form-field utrecht-form-field--checkbox">
                <input
                  type="checkbox"
                  id={`deployment-agency-${agency}`}
                  className="utrecht-checkbox utrecht-checkbox--html-input"
                  ref={index === 0 ? command.control('agencies') : undefined}
                  checked={agencies.includes(agency)}
                  onChange={(event) => toggle(agency, event.target.checked)}
                />{' '}
                <label className="utrecht-form-label" htmlFor={`deployment-agency-${agency}`}>
                  {agency}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <CommandTextField
          command={command}
          name="rationale"
          label="deployment.rationale"
          value={rationale}
          onChange={setRationale}
          rows={2}
        />
      </CommandForm>
    </ActionSection>
  );
}
