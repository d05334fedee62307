import { lazy, Suspense } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

const BarChart = lazy(() => import('./BarChart'));

export interface Count {
  readonly key: string;
  readonly count: number;
}

/**
 * One breakdown of the figures: its chart (the chart library is a chunk of its own, loaded with the first
 * chart) and beside it the same figures as a table, which is what assistive technology reads.
 */
export function Breakdown({
  name,
  counts,
  labels: labelPrefix = `statistics.${name}.`,
}: {
  readonly name: string;
  readonly counts: readonly Count[];
  /** Where the keys' names are among the messages (`prefix` + key); a key without one is shown as it is. */
  readonly labels?: string;
}) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: `statistics.${name}` });
  const labelOf = (key: string) => {
    const id = `${labelPrefix}${key}`;
    return id in intl.messages ? intl.formatMessage({ id }) : key;
  };
  const labels = counts.map((count) => labelOf(count.key));
  const values = counts.map((count) => count.count);
  const description = intl.formatMessage(
    { id: 'statistics.chart.alt' },
    {
      title,
      figures: intl.formatList(counts.map((count, index) => `${labels[index]}: ${count.count}`)),
    },
  );
  const headingId = `breakdown-${name}`;
  return (
    <section className="keten-breakdown" aria-labelledby={headingId} data-breakdown={name}>
      <h2 className="utrecht-heading-2" id={headingId}>
        {title}
      </h2>
      {counts.length === 0 ? (
        <p className="utrecht-paragraph">
          <FormattedMessage id="statistics.none" />
        </p>
      ) : (
        <div className="keten-breakdown__body">
          <Suspense
            fallback={
              <p className="utrecht-paragraph">
                <FormattedMessage id="loading" />
              </p>
            }
          >
            <BarChart labels={labels} counts={values} description={description} />
          </Suspense>
          <table className="utrecht-table keten-breakdown__table">
            <caption className="utrecht-table__caption">{title}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  <FormattedMessage id="statistics.column.key" />
                </th>
                <th scope="col" className="utrecht-table__header-cell keten-number">
                  <FormattedMessage id="statistics.column.count" />
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {counts.map((count, index) => (
                <tr key={count.key} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {labels[index]}
                  </th>
                  <td className="utrecht-table__cell keten-number">{intl.formatNumber(count.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
