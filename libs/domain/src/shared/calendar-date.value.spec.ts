import { describe, expect, it } from '@jest/globals';
import { parseCalendarDate } from './calendar-date.value.js';
import { ValueErrorCode } from './value-error.js';

describe('CalendarDate', () => {
  it.each(['1990-04-23', '2000-02-29', '2024-12-31'])('accepts %s', (input) => {
    expect(parseCalendarDate(input)).toEqual({ ok: true, value: input });
  });

  it.each(['1990-02-30', '1900-02-29', '1990-13-01', '1990-4-23', '31-04-1990', '1990-04-23T00:00:00Z', ''])(
    'refuses %j',
    (input) => {
      expect(parseCalendarDate(input)).toMatchObject({
        ok: false,
        error: { code: ValueErrorCode.INVALID_CALENDAR_DATE },
      });
    },
  );
});
