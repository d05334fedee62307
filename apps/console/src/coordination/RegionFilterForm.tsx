import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ActivationKind, ActivationStatus, ActivationsFilter } from '../api/generated/graphql';
import { FormField } from '../shared/forms/form-field';
import { PeriodFields, periodFilter, type Period } from './PeriodFields';

const STATUSES: readonly ActivationStatus[] = ['OPEN', 'IN_PROGRESS', 'CLOSED'];
const KINDS: readonly ActivationKind[] = ['PREVENTIVE', 'REPRESSIVE'];

/** The filters of the activations query a coordinator works with: status, kind and the period opened. */
export function RegionFilterForm({ onFilter }: { onFilter: (filter: ActivationsFilter) => void }) {
  const intl = useIntl();
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  function submit(event: FormEvent) {
    event.preventDefault();
    onFilter({
      ...(status ? { status: status as ActivationStatus } : {}),
      ...(kind ? { kind: kind as ActivationKind } : {}),
      ...periodFilter(period),
    });
  }
  const all = intl.formatMessage({ id: 'region.filter.all' });
  return (
    <form
      className="utrecht-form keten-filters"
      aria-label={intl.formatMessage({ id: 'region.filter.heading' })}
      onSubmit={submit}
    >
      <FormField name="status" label="region.filter.status">
        {(control) => (
          <select
            {...control}
            className="utrecht-select utrecht-select--html-select"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
          >
            <option value="">{all}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {intl.formatMessage({ id: `status.${value}` })}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="kind" label="region.filter.kind">
        {(control) => (
          <select
            {...control}
            className="utrecht-select utrecht-select--html-select"
            value={kind}
            onChange={(event) => setKind(event.target.value)}
          >
            <option value="">{all}</option>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {intl.formatMessage({ id: `region.kind.${value}` })}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <PeriodFields period={period} onChange={setPeriod} />
      <button type="submit" className="utrecht-button utrecht-button--primary-action">
        <FormattedMessage id="region.filter.submit" />
      </button>
    </form>
  );
}
