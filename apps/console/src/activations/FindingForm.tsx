import { graphql } from '../api/generated';
import type { DataCategory } from '../api/generated/graphql';
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { problemOf, type ApiProblem } from '../api/client';

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
type FieldName = (typeof FIELDS)[number];

/**
 * Recording a finding. Each attempt carries a command id, kept until the api confirms: sending the same
 * command again (a retry after a lost answer) appends nothing twice. The server's errors are shown at the
 * field they name, tied to it with aria-describedby, and the first such field takes the focus.
 */
export function FindingForm({ activationId, onRecorded }: { activationId: string; onRecorded: () => void }) {
  const intl = useIntl();
  const id = useId();
  const [category, setCategory] = useState<DataCategory>('LOCATION');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [saved, setSaved] = useState(false);
  const commandId = useRef<string>(undefined);
  const [{ fetching }, record] = useMutation(RECORD_FINDING);
  const controls = {
    category: useRef<HTMLSelectElement>(null),
    description: useRef<HTMLTextAreaElement>(null),
  };

  const fieldError = (field: FieldName): string | undefined => problem?.fields[field];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (description.trim() === '') {
      setProblem({ message: '', fields: { description: intl.formatMessage({ id: 'form.required' }) } });
      controls.description.current?.focus();
      return;
    }
    commandId.current ??= crypto.randomUUID();
    const result = await record({
      input: {
        activationId,
        commandId: commandId.current,
        findingId: commandId.current,
        category,
        description,
      },
    });
    if (result.error) {
      const found = problemOf(result.error);
      const fields: Record<string, string> = {};
      for (const [name, message] of Object.entries(found.fields))
        fields[name.replace(/^input\./, '')] = message;
      setProblem({ ...found, fields });
      // A refused command appended nothing: the corrected one is a new command.
      if (found.code !== 'NETWORK') commandId.current = undefined;
      const first = FIELDS.find((field) => fields[field]);
      if (first) controls[first].current?.focus();
      return;
    }
    commandId.current = undefined;
    setProblem(undefined);
    setDescription('');
    setSaved(true);
    onRecorded();
  }

  const unplaced = problem && problem.message && !FIELDS.some((field) => problem.fields[field]);
  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        <FormattedMessage id="finding.heading" />
      </h2>
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className={`utrecht-form-field${fieldError('category') ? ' utrecht-form-field--invalid' : ''}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={`${id}-category`}>
              <FormattedMessage id="finding.category" />
            </label>
          </div>
          <div className="utrecht-form-field__description" id={`${id}-category-hint`}>
            <FormattedMessage id="finding.category.hint" />
          </div>
          {fieldError('category') && (
            <div className="utrecht-form-field-error-message" id={`${id}-category-error`}>
              {fieldError('category')}
            </div>
          )}
          <div className="utrecht-form-field__input">
            <select
              ref={controls.category}
              id={`${id}-category`}
              name="category"
              className="utrecht-select utrecht-select--html-select"
              value={category}
              aria-invalid={fieldError('category') ? true : undefined}
              aria-describedby={`${id}-category-hint${fieldError('category') ? ` ${id}-category-error` : ''}`}
              onChange={(event) => setCategory(event.target.value as DataCategory)}
            >
              {CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {intl.formatMessage({ id: `category.${value}` })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div
          className={`utrecht-form-field${fieldError('description') ? ' utrecht-form-field--invalid' : ''}`}
        >
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={`${id}-description`}>
              <FormattedMessage id="finding.description" />
            </label>
          </div>
          <div className="utrecht-form-field__description" id={`${id}-description-hint`}>
            <FormattedMessage id="finding.description.hint" />
          </div>
          {fieldError('description') && (
            <div className="utrecht-form-field-error-message" id={`${id}-description-error`}>
              {fieldError('description')}
            </div>
          )}
          <div className="utrecht-form-field__input">
            <textarea
              ref={controls.description}
              id={`${id}-description`}
              name="description"
              className="utrecht-textarea utrecht-textarea--html-textarea"
              rows={4}
              value={description}
              aria-invalid={fieldError('description') ? true : undefined}
              aria-describedby={`${id}-description-hint${fieldError('description') ? ` ${id}-description-error` : ''}`}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
        </div>
        {unplaced && (
          <div className="utrecht-alert utrecht-alert--error" role="alert">
            <FormattedMessage id="form.error" values={{ message: problem.message }} />
          </div>
        )}
        <p className="utrecht-paragraph" role="status">
          {saved && <FormattedMessage id="finding.saved" />}
        </p>
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={fetching}>
          <FormattedMessage id={fetching ? 'finding.busy' : 'finding.submit'} />
        </button>
      </form>
    </section>
  );
}
