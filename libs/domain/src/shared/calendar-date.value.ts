import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A date without time or zone, `YYYY-MM-DD`, such as a birth date. */
export type CalendarDate = Brand<string, 'CalendarDate'>;

/**
 * A date as people write it: `1990-04-23`, or the Dutch day-month-year `23-4-1990` (also with / or .),
 * always stored as YYYY-MM-DD.
 */
export function parseCalendarDate(input: unknown): Parsed<CalendarDate> {
  const text = isoDate(typeof input === 'string' ? input.trim() : '');
  if (text !== undefined && isRealDate(text)) return valid(text as CalendarDate);
  if (input === undefined || input === null || input === '') {
    return invalid(
      ValueErrorCode.INVALID_CALENDAR_DATE,
      input,
      'The date is missing; write it as YYYY-MM-DD or DD-MM-YYYY, for example 1990-04-23 or 23-4-1990.',
    );
  }
  return invalid(
    ValueErrorCode.INVALID_CALENDAR_DATE,
    input,
    `${describeInput(input)} is not a date; write an existing date as YYYY-MM-DD or DD-MM-YYYY, for example ` +
      '1990-04-23 or 23-4-1990.',
  );
}

/** `YYYY-MM-DD` from either written form, or undefined when the text is neither. */
export function isoDate(text: string): string | undefined {
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return text;
  const dutch = /^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$/.exec(text);
  if (!dutch) return undefined;
  return `${dutch[3]}-${dutch[2].padStart(2, '0')}-${dutch[1].padStart(2, '0')}`;
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function calendarDate(input: string): CalendarDate {
  return valueOrThrow(parseCalendarDate(input));
}

/** True when `text` is `YYYY-MM-DD` and names a day that exists (Date.parse happily accepts 30 February). */
export function isRealDate(text: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
