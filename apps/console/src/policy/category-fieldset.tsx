import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DataCategory } from '../api/generated/graphql';

/** Every data category an agreement can grant (DESIGN §4), in the catalogue's order. */
export const DATA_CATEGORIES: readonly DataCategory[] = [
  'CASE',
  'LOCATION',
  'EMPLOYER',
  'PERSONAL',
  'HEALTH',
  'INCOME',
  'BENEFITS',
  'TAX',
  'CRIMINAL',
  'INTERVENTION',
  'REPORT',
];

/**
 * The categories of terms as a group of checkboxes (a fieldset with its legend), the error of the field
 * `categories` tied to the group.
 */
export function CategoryFieldset({
  value,
  onChange,
  error,
  focusRef,
}: {
  value: readonly DataCategory[];
  onChange: (categories: DataCategory[]) => void;
  error?: string;
  focusRef?: (element: HTMLElement | null) => void;
}) {
  const intl = useIntl();
  const id = useId();
  return (
    <fieldset
      className={`utrecht-form-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">
        <FormattedMessage id="policy.field.categories" />
      </legend>
      {error && (
        <div className="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      {DATA_CATEGORIES.map((category, index) => (
        <div key={category} className="utrecht-form-field utrecht-form-field--checkbox">
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            id={`${id}-${category}`}
            name="categories"
            value={category}
            ref={index === 0 ? focusRef : undefined}
            checked={value.includes(category)}
            onChange={(event) =>
              onChange(
                DATA_CATEGORIES.filter((each) =>
                  each === category ? event.target.checked : value.includes(each),
                ),
              )
            }
          />{' '}
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${id}-${category}`}>
            {intl.formatMessage({ id: `category.${category}` })}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
