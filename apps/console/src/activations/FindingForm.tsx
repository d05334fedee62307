import { graphql } from '../api/generated';
import type { DataCategory } from '../api/generated/graphql';
import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';

const RECORD_FINDING = graphql(`
  mutation ConsoleRecordFinding($input: RecordFindingInput!) {
    recordFinding(input: $input) {
      activationId
      version
      eventIds
    }
  }
`);

/** The kinds of finding the api takes (CASE, INTERVENTION and REPORT describe the case itself). */
const CATEGORIES: readonly DataCategory[] = [
  'LOCATION',
  'EMPLOYER',
  'PERSONAL',
  'HEALTH',
  'INCOME',
  'BENEFITS',
  'TAX',
  'CRIMINAL',
];

const FIELDS = ['category', 'description'] as const;

/**
 * Recording a finding (one command, see useCommand): the server's errors are shown at the field they name,
 * tied to it with aria-describedby, and the first such field takes the focus.
 */
export function FindingForm({ activationId, onRecorded }: { activationId: string; onRecorded: () => void }) {
  const intl = useIntl();
  const id = useId();
  const [category, setCategory] = useState<DataCategory>('LOCATION');
  const [description, setDescription] = useState('');
  const [saved, setSaved] = useState(false);
  const command = useCommand(RECORD_FINDING, FIELDS, 'finding.heading');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (description.trim() === '')
      return command.refuse({
        message: '',
        fields: { description: intl.formatMessage({ id: 'form.required' }) },
      });
    const recorded = await command.send((commandId) => ({
      input: { activationId, commandId, findingId: commandId, category, description },
    }));
    if (!recorded) return;
    setDescription('');
    setSaved(true);
    if (recorded !== 'queued') onRecorded();
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        <FormattedMessage id="finding.heading" />
      </h2>
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
        <FormField
          name="category"
          label="finding.category"
          hint="finding.category.hint"
          error={command.error('category')}
        >
          {(control) => (
            <select
              {...control}
              ref={command.control('category')}
              className="utrecht-select utrecht-select--html-select"
              value={category}
              onChange={(event) => setCategory(event.target.value as DataCategory)}
            >
              {CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {intl.formatMessage({ id: `category.${value}` })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          name="description"
          label="finding.description"
          hint="finding.description.hint"
          error={command.error('description')}
        >
          {(control) => (
            <textarea
              {...control}
              ref={command.control('description')}
              className="utrecht-textarea utrecht-textarea--html-textarea"
              rows={4}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </FormField>
        <FormOutcome
          unplaced={command.unplaced}
          queued={command.queued}
          saved={saved && <FormattedMessage id="finding.saved" />}
        />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id={command.fetching ? 'finding.busy' : 'finding.submit'} />
        </button>
      </form>
    </section>
  );
}
