import { useIntl } from 'react-intl';
import { hrefOf, navigate } from '../app/router';
import { DateTime, Withheld } from '../shared/format';
import type { RegionRow } from './region-reads';
import { ColumnHeaders, TableRegion } from './TableRegion';

/** The region's activations as a table, the case number linking to the activation. */
export function ActivationsTable({ rows, caption }: { rows: readonly RegionRow[]; caption: string }) {
  const intl = useIntl();
  return (
    <TableRegion label={caption}>
      <table className="utrecht-table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <ColumnHeaders
          prefix="region.column."
          columns={['caseNumber', 'title', 'kind', 'status', 'municipality', 'lead', 'openedAt']}
        />
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
    </TableRegion>
  );
}
