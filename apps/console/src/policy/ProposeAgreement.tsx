import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import type { DataCategory } from '../api/generated/graphql';
import { navigate, hrefOf } from '../app/router';
import type { Session } from '../session/auth';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { ReasonField } from '../shared/forms/reason-field';
import { useCommand } from '../shared/forms/use-command';
import { PageHeading } from '../shared/page-heading';
import { CategoryFieldset } from './category-fieldset';
import { POLICY_REASON } from './policy-reason';

const PROPOSE = graphql(`
  mutation ConsoleProposeAgreement($input: ProposeAgreementInput!) {
    proposeAgreement(input: $input) {
      agreementId
      version
    }
  }
`);

/** In the order of the form, so that the first with an error takes the focus. */
const FIELDS = [
  'agency',
  'approverAgency',
  'activities',
  'purpose',
  'legalBasis.text',
  'legalBasis.reference',
  'validFrom',
  'validUntil',
  'regionScope',
  'categories',
  'reason',
] as const;
type TextField = Exclude<(typeof FIELDS)[number], 'categories' | 'reason'>;

const TEXT_FIELDS: readonly { field: TextField; type?: 'date'; required?: boolean }[] = [
  { field: 'agency', required: true },
  { field: 'approverAgency', required: true },
  { field: 'activities' },
  { field: 'purpose', required: true },
  { field: 'legalBasis.text', required: true },
  { field: 'legalBasis.reference', required: true },
  { field: 'validFrom', type: 'date', required: true },
  { field: 'validUntil', type: 'date' },
  { field: 'regionScope' },
];

/**
 * Proposing an agreement: which agency may see which categories, for which processing activities, on
 * which legal basis, from when to when. It is in force only once a policy admin of the other party approves.
 */
export function ProposeAgreement({ session }: { session: Session }) {
  const intl = useIntl();
  const [values, setValues] = useState<Record<TextField, string>>({
    agency: '',
    approverAgency: session.agency,
    activities: 'case-coordination',
    purpose: '',
    'legalBasis.text': '',
    'legalBasis.reference': '',
    validFrom: '',
    validUntil: '',
    regionScope: '',
  });
  const [categories, setCategories] = useState<DataCategory[]>(['CASE']);
  const [reason, setReason] = useState('');
  const command = useCommand(PROPOSE, FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = TEXT_FIELDS.filter(({ field, required }) => required && values[field].trim() === '');
    if (missing.length > 0)
      return command.refuse({
        message: '',
        fields: Object.fromEntries(
          missing.map(({ field }) => [field, intl.formatMessage({ id: 'form.required' })]),
        ),
      });
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const proposed = await command.send((commandId) => ({
      input: {
        commandId,
        agency: values.agency.trim().toUpperCase(),
        approverAgency: values.approverAgency.trim().toUpperCase(),
        categories,
        activities: values.activities
          .split(',')
          .map((activity) => activity.trim())
          .filter(Boolean),
        purpose: values.purpose,
        legalBasis: { text: values['legalBasis.text'], reference: values['legalBasis.reference'] },
        validFrom: values.validFrom,
        validUntil: optional(values.validUntil),
        regionScope: optional(values.regionScope),
        reason: optional(reason),
      },
    }));
    // Without queueAs the command is never queued: an answer or a refusal.
    if (proposed && proposed !== 'queued')
      navigate(hrefOf({ name: 'agreement', id: proposed.proposeAgreement.agreementId }));
  }

  return (
    <>
      <PageHeading>
        <FormattedMessage id="policy.propose.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="policy.propose.intro" />
      </p>
      <form className="utrecht-form keten-form-section" noValidate onSubmit={(event) => void submit(event)}>
        {TEXT_FIELDS.map(({ field, type }) => (
          <FormField
            key={field}
            name={field}
            label={`policy.field.${field}`}
            hint={`policy.propose.hint.${field}`}
            error={command.error(field)}
          >
            {(control) => (
              <input
                {...control}
                ref={command.control(field)}
                type={type ?? 'text'}
                className="utrecht-textbox utrecht-textbox--html-input"
                value={values[field]}
                onChange={(event) => setValues({ ...values, [field]: event.target.value })}
              />
            )}
          </FormField>
        ))}
        <CategoryFieldset
          value={categories}
          onChange={setCategories}
          error={command.error('categories')}
          focusRef={command.control('categories')}
        />
        <ReasonField
          {...POLICY_REASON}
          value={reason}
          onChange={setReason}
          error={command.error('reason')}
          focusRef={command.control('reason')}
        />
        <FormOutcome unplaced={command.unplaced} />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id="policy.propose.button" />
        </button>
      </form>
    </>
  );
}
