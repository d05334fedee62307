import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A date without time or zone, `YYYY-MM-DD`, such as a birth date. */
export type CalendarDate = Brand<string, 'CalendarDate'>;

export function parseCalendarDate(input: unknown): Parsed<CalendarDate> {
  const text = typeof input === 'string' ? input.trim() : '';
  if (isRealDate(text)) return valid(text as CalendarDate);
  return invalid(
    ValueErrorCode.INVALID_CALENDAR_DATE,
    input,
    `${describeInput(input)} is not a date; write an existing date as YYYY-MM-DD, for example 1990-04-23.`,
  );
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
