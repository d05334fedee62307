import { FormattedMessage, useIntl } from 'react-intl';

/** What the agency may not see is said so, never left empty (DESIGN §4). */
export function Withheld() {
  return (
    <span className="keten-withheld">
      <FormattedMessage id="withheld" />
    </span>
  );
}

/** A value whose keys are gone: it was erased (on request or at the end of its retention), for everyone. */
export function Erased() {
  return (
    <span className="keten-erased">
      <FormattedMessage id="erased" />
    </span>
  );
}

export function WithheldCategories({ categories }: { categories: readonly string[] }) {
  const intl = useIntl();
  if (categories.length === 0) return null;
  return (
    <p className="utrecht-paragraph keten-withheld">
      <FormattedMessage
        id="withheld.categories"
        values={{
          categories: intl.formatList(
            categories.map((category) => intl.formatMessage({ id: `category.${category}` })),
          ),
        }}
      />
    </p>
  );
}

/** Dates and times in the conventions of the language (Dutch: 2 december 2026 om 14:05). */
export function DateTime({ value }: { value: string }) {
  const intl = useIntl();
  return (
    <time dateTime={value}>
      {intl.formatDate(value, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })}
    </time>
  );
}

/** An amount of euros given in cents, in the conventions of the language (Dutch: € 1.250,00). */
export function Money({ cents }: { cents: number }) {
  const intl = useIntl();
  return <>{intl.formatNumber(cents / 100, { style: 'currency', currency: 'EUR' })}</>;
}
