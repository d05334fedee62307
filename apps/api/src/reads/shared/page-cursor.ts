import { apiError, ApiErrorCode } from '../../errors/api-error.js';

/*
 * Cursors are opaque to clients (base64url) but carry the sort key of the last row they saw, so the next
 * page starts right after it even when newer rows arrive meanwhile. The first element names the list,
 * so a cursor of one list is refused by another instead of silently meaning something else.
 */

/** A sort-key part: text, a whole number, or a UTC timestamp to the microsecond as Postgres gives it. */
export type CursorPart = 'text' | 'integer' | 'instant';
type PartValue<P extends CursorPart> = P extends 'integer' ? number : string;
export type CursorKey<Parts extends readonly CursorPart[]> = { [I in keyof Parts]: PartValue<Parts[I]> };

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

export function decodeCursor<const Parts extends readonly CursorPart[]>(
  list: string,
  cursor: string,
  parts: Parts,
): CursorKey<Parts> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === parts.length + 1 &&
    decoded[0] === list &&
    parts.every((part, i) => fits(part, decoded[i + 1]));
  if (!valid) {
    throw apiError(
      ApiErrorCode.BAD_USER_INPUT,
      `after is not a cursor of this ${list} list; pass the endCursor of the previous page, or leave it out to start at the beginning.`,
      { field: 'after' },
    );
  }
  return (decoded as unknown[]).slice(1) as CursorKey<Parts>;
}

function fits(part: CursorPart, value: unknown): boolean {
  switch (part) {
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'instant':
      return typeof value === 'string' && UTC_INSTANT.test(value);
  }
}

/** The SQL expression for a timestamptz column as a cursor part: UTC, to the microsecond, sortable. */
export function instantKey(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
