/**
 * Positional parameters for a query built from optional filters: each value gets its own placeholder,
 * so values never enter the SQL text and absent filters add no condition (and no `$n IS NULL OR` that
 * would keep Postgres from using an index).
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder of a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The condition for a filter that was given, or nothing for one left out. */
  when<T>(value: T | null | undefined, condition: (placeholder: string) => string): string[] {
    return value === undefined || value === null ? [] : [condition(this.add(value))];
  }
}

/** The SQL expression for a timestamptz column as a sort key: UTC, to the microsecond, sortable as text. */
export function instantKey(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
