import { describe, expect, it } from '@jest/globals';
import { parseEuroCents } from './euro-cents.value.js';
import { ValueErrorCode } from './value-error.js';

describe('EuroCents', () => {
  it.each([0, 1, 150000])('accepts %d', (input) => {
    expect(parseEuroCents(input)).toEqual({ ok: true, value: input });
  });

  it.each([-1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, '100', 2 ** 53])('refuses %p', (input) => {
    expect(parseEuroCents(input)).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_EURO_CENTS },
    });
  });
});
