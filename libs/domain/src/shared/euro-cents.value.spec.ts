import { describe, expect, it } from '@jest/globals';
import { parseEuroCents } from './euro-cents.value.js';
import { ValueErrorCode } from './value-error.js';

describe('EuroCents', () => {
  it.each([0, 1, 150000])('accepts %d', (input) => {
    expect(parseEuroCents(input)).toEqual({ ok: true, value: input });
  });

  it('accepts any euro amount, beyond a 32-bit Int, as a number or a string of digits', () => {
    expect(parseEuroCents(2_500_000_000)).toEqual({ ok: true, value: 2_500_000_000 });
    expect(parseEuroCents('2500000000')).toEqual({ ok: true, value: 2_500_000_000 });
  });

  it.each([-1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, '12.50', '-1', '', 2 ** 53])(
    'refuses %p',
    (input) => {
      expect(parseEuroCents(input)).toMatchObject({
        ok: false,
        error: { code: ValueErrorCode.INVALID_EURO_CENTS },
      });
    },
  );
});
