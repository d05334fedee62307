import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { graphql } from '../api/generated';
import type { DataCategory } from '../api/generated/graphql';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { ReasonField } from '../shared/forms/reason-field';
import { useCommand } from '../shared/forms/use-command';
import { CategoryFieldset } from './category-fieldset';
import { POLICY_REASON } from './policy-reason';

const AMEND = graphql(`
  mutation ConsoleAmendAgreement($input: AmendAgreementInput!) {
    amendAgreement(input: $input) {
      agreementId
      version
    }
  }
`);

const FIELDS = ['categories', 'validUntil', 'reason'] as const;

/**
 * Proposing a change of an agreement in force: its categories and end. Like a first proposal it takes
 * effect only once the other party approves it.
 */
export function AmendForm({
  agreement,
  onProposed,
}: {
  agreement: { agreementId: string; version: string; categories: readonly DataCategory[] };
  onProposed: () => void;
}) {
  const intl = useIntl();
  const id = useId();
  const [categories, setCategories] = useState<DataCategory[]>([...agreement.categories]);
  const [validUntil, setValidUntil] = useState('');
  const [reason, setReason] = useState('');
  const command = useCommand(AMEND, FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '')
      return command.refuse({ message: '', fields: { reason: intl.formatMessage({ id: 'form.required' }) } });
    const done = await command.send((commandId) => ({
      input: {
        agreementId: agreement.agreementId,
        commandId,
        expectedVersion: agreement.version,
        categories,
        ...(validUntil && { validUntil }),
        reason,
      },
    }));
    if (done) onProposed();
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        <FormattedMessage id="policy.amend.heading" />
      </h2>
      <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
        <CategoryFieldset
          value={categories}
          onChange={setCategories}
          error={command.error('categories')}
          focusRef={command.control('categories')}
        />
        <FormField
          name="validUntil"
          label="policy.field.validUntil"
          hint="policy.validUntil.hint"
          error={command.error('validUntil')}
        >
          {(control) => (
            <input
              {...control}
              ref={command.control('validUntil')}
              type="date"
              className="utrecht-textbox utrecht-textbox--html-input"
              value={validUntil}
              onChange={(event) => setValidUntil(event.target.value)}
            />
          )}
        </FormField>
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
          className="utrecht-button utrecht-button--secondary-action"
          disabled={command.fetching}
        >
          <FormattedMessage id="policy.amend.button" />
        </button>
      </form>
    </section>
  );
}
