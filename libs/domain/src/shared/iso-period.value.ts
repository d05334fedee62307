import { isRealDate } from './calendar-date.value.js';

/** A period in whole years, months and days as ISO 8601 writes it: P5Y, P18M, P90D, P1Y6M. */
export interface IsoPeriod {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

const PERIOD = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/;

/** The period, or undefined for anything else (`P` alone, weeks, times, negative or fractional parts). */
export function parseIsoPeriod(text: string): IsoPeriod | undefined {
  const match = PERIOD.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P') return undefined;
  return { years: Number(match[1] ?? 0), months: Number(match[2] ?? 0), days: Number(match[3] ?? 0) };
}

/**
 * `date` (YYYY-MM-DD) plus the period, on the calendar: years and months first, a day past the end of the
 * month falling back to its last day (29 February plus a year is 28 February), then the days.
 */
export function addPeriod(date: string, period: IsoPeriod): string {
  if (!isRealDate(date)) throw new Error(`${date} is not a date.`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const months = year * 12 + (month - 1) + period.years * 12 + period.months;
  const [toYear, toMonth] = [Math.floor(months / 12), months % 12];
  const lastDay = new Date(Date.UTC(toYear, toMonth + 1, 0)).getUTCDate();
  const landed = Date.UTC(toYear, toMonth, Math.min(day, lastDay)) + period.days * 86_400_000;
  return new Date(landed).toISOString().slice(0, 10);
}
