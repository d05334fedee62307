import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import './coordination.css';

/**
 * A table that scrolls within its own region on a narrow screen, never the page; the region is focusable,
 * so it scrolls by keyboard too, and named like the table.
 */
export function TableRegion({
  label,
  labelledBy,
  children,
}: {
  readonly label?: string;
  readonly labelledBy?: string;
  readonly children: ReactNode;
}) {
  return (
    <div
      className="keten-table-scroll"
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      {children}
    </div>
  );
}

/** The header row of a table: a column header per message id (`prefix` + column). */
export function ColumnHeaders({
  prefix,
  columns,
}: {
  readonly prefix: string;
  readonly columns: readonly string[];
}) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">
        {columns.map((column) => (
          <th key={column} scope="col" className="utrecht-table__header-cell">
            <FormattedMessage id={`${prefix}${column}`} />
          </th>
        ))}
      </tr>
    </thead>
  );
}
