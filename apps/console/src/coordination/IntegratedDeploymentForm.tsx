import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { ActionSection } from './ActionSection';
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
  async function submit(event: FormEvent) {
    event.preventDefault();
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
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
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
        <FormField name="rationale" label="deployment.rationale" error={command.error('rationale')}>
          {(control) => (
            <textarea
              {...control}
              ref={command.control('rationale')}
              className="utrecht-textarea utrecht-textarea--html-textarea"
              rows={2}
              value={rationale}
              onChange={(event) => setRationale(event.target.value)}
            />
          )}
        </FormField>
        <FormOutcome
          unplaced={command.unplaced}
          saved={saved && <FormattedMessage id="deployment.saved" />}
        />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id="deployment.submit" />
        </button>
      </form>
    </ActionSection>
  );
}
