import { describe, expect, it } from '@jest/globals';
import { parseCalendarDate } from './calendar-date.value.js';
import { parseInstant } from './instant.value.js';

describe('times and dates as people type them', () => {
  it.each([
    ['2026-12-01', '2026-12-01T00:00:00+01:00'],
    ['2026-12-03 09:30', '2026-12-03T09:30:00+01:00'],
    ['2026-12-03T09:30', '2026-12-03T09:30:00+01:00'],
    ['3-12-2026 09:30', '2026-12-03T09:30:00+01:00'],
    ['03-12-2026 9.30', '2026-12-03T09:30:00+01:00'],
    ['1-7-2026 14:05:09', '2026-07-01T14:05:09+02:00'],
    // Summer time starts on 29 March 2026 at 02:00 (skipped hour) and ends on 25 October at 03:00.
    ['29-3-2026 02:30', '2026-03-29T02:30:00+01:00'],
    ['25-10-2026 02:30', '2026-10-25T02:30:00+02:00'],
  ])('reads %s without an offset as Dutch time: %s', (typed, stored) => {
    expect(parseInstant(typed)).toEqual({ ok: true, value: stored });
  });

  it('keeps a timestamp with an offset as written', () => {
    expect(parseInstant('2020-06-01T09:30:00Z')).toEqual({ ok: true, value: '2020-06-01T09:30:00Z' });
  });

  it.each(['31-2-2026 09:30', '2026-12-03 25:00', 'morgen', ''])(
    'refuses %j, saying how to write it',
    (typed) => {
      const parsed = parseInstant(typed);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(/3-12-2026 09:30/);
    },
  );

  it.each([
    ['1990-04-23', '1990-04-23'],
    ['23-4-1990', '1990-04-23'],
    ['23/04/1990', '1990-04-23'],
  ])('reads the date %s as %s', (typed, stored) => {
    expect(parseCalendarDate(typed)).toEqual({ ok: true, value: stored });
  });

  it('refuses a date that does not exist', () => {
    expect(parseCalendarDate('30-2-1990').ok).toBe(false);
  });
});
