import { FormattedMessage, useIntl } from 'react-intl';
import { DateTime } from '../shared/format';

/** The data categories of terms, in words, as one list ("zaak, werkgever en inkomen"). */
export function Categories({ categories }: { categories: readonly string[] }) {
  const intl = useIntl();
  return (
    <>{intl.formatList(categories.map((category) => intl.formatMessage({ id: `category.${category}` })))}</>
  );
}

/** From when to when terms apply; open-ended terms say so. */
export function Validity({ from, until }: { from: string; until?: string | null }) {
  return until ? (
    <FormattedMessage
      id="policy.validity.between"
      values={{ from: <DateTime value={from} />, until: <DateTime value={until} /> }}
    />
  ) : (
    <FormattedMessage id="policy.validity.from" values={{ from: <DateTime value={from} /> }} />
  );
}

export interface Terms {
  readonly categories: readonly string[];
  readonly activities: readonly string[];
  readonly purpose: string;
  readonly legalBasis: string;
  readonly legalReference: string;
  readonly validFrom: string;
  readonly validUntil?: string | null;
  readonly regionScope?: string | null;
}

/** The terms of an agreement or a proposal, as a list of facts. */
export function TermsFacts({ terms }: { terms: Terms }) {
  const intl = useIntl();
  const facts: [string, React.ReactNode][] = [
    ['policy.field.categories', <Categories categories={terms.categories} />],
    ['policy.field.activities', intl.formatList(terms.activities)],
    ['policy.field.purpose', terms.purpose],
    ['policy.field.legalBasis', `${terms.legalBasis} (${terms.legalReference})`],
    ['policy.field.validity', <Validity from={terms.validFrom} until={terms.validUntil} />],
    ['policy.field.regionScope', terms.regionScope ?? intl.formatMessage({ id: 'policy.regionScope.all' })],
  ];
  return (
    <dl className="keten-facts">
      {facts.map(([label, value]) => (
        <div key={label} className="keten-facts__pair">
          <dt>
            <FormattedMessage id={label} />
          </dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
