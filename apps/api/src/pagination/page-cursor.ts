import { isRealDate } from '#domain';
import { apiError, ApiErrorCode } from '../errors/index.js';

/*
 * Cursors are opaque to clients (base64url) but carry the sort key of the last row they saw, so the next
 * page starts right after it even when newer rows arrive meanwhile. The first element names the list,
 * so a cursor of one list is refused by another instead of silently meaning something else.
 */

/**
 * A sort-key part, named by the Postgres type of its column, so a forged cursor is refused here instead of
 * failing in Postgres: text without NUL or broken Unicode, a whole number that fits the column (integer:
 * 32 bits; bigint: as far as JavaScript numbers are exact), or a real UTC timestamp to the microsecond.
 */
export type CursorPart = 'text' | 'integer' | 'bigint' | 'instant';
type PartValue<P extends CursorPart> = P extends 'integer' | 'bigint' ? number : string;
export type CursorKey<Parts extends readonly CursorPart[]> = { [I in keyof Parts]: PartValue<Parts[I]> };

const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/;
const MAX_INTEGER = 2 ** 31 - 1;
/** NUL, which Postgres text cannot hold, and lone surrogates, which would match another key. */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /\u0000|\p{Surrogate}/u;

export function encodeCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The list a cursor says it belongs to, or undefined for something that is no cursor at all. */
export function cursorListOf(cursor: string): string | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(decoded) && typeof decoded[0] === 'string' ? decoded[0] : undefined;
  } catch {
    return undefined;
  }
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
      return typeof value === 'string' && !NOT_TEXT.test(value);
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= MAX_INTEGER;
    case 'bigint':
      return Number.isSafeInteger(value);
    case 'instant': {
      const date = typeof value === 'string' ? UTC_INSTANT.exec(value)?.[1] : undefined;
      return date !== undefined && isRealDate(date);
    }
  }
}

/** The SQL expression for a timestamptz column as a cursor part: UTC, to the microsecond, sortable. */
export function instantKey(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
