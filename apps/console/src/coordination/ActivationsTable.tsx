import { FormattedMessage, useIntl } from 'react-intl';
import { hrefOf, navigate } from '../app/router';
import { DateTime, Withheld } from '../shared/format';
import type { RegionRow } from './region-reads';

/**
 * The region's activations as a table, the case number linking to the activation. On a narrow screen the
 * table scrolls within its own region (focusable, so it scrolls by keyboard too), never the page.
 */
export function ActivationsTable({ rows, caption }: { rows: readonly RegionRow[]; caption: string }) {
  const intl = useIntl();
  return (
    <div className="keten-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="utrecht-table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['caseNumber', 'title', 'kind', 'status', 'municipality', 'lead', 'openedAt'].map((column) => (
              <th key={column} scope="col" className="utrecht-table__header-cell">
                <FormattedMessage id={`region.column.${column}`} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((row) => {
            const href = hrefOf({ name: 'activation', id: row.id });
            return (
              <tr key={row.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <a
                    className="utrecht-link"
                    href={href}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(href);
                    }}
                  >
                    {row.caseNumber ?? row.id}
                  </a>
                </th>
                <td className="utrecht-table__cell">{row.title ?? <Withheld />}</td>
                <td className="utrecht-table__cell">
                  {intl.formatMessage({ id: `region.kind.${row.kind}` })}
                </td>
                <td className="utrecht-table__cell">{intl.formatMessage({ id: `status.${row.status}` })}</td>
                <td className="utrecht-table__cell">{row.municipality}</td>
                <td className="utrecht-table__cell">{row.leadAgency}</td>
                <td className="utrecht-table__cell">
                  <DateTime value={row.openedAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
