import { describe, expect, it } from '@jest/globals';
import { parseCountryCode } from './country-code.value.js';
import { ValueErrorCode } from './value-error.js';

describe('CountryCode', () => {
  it.each([
    ['PL', 'PL'],
    ['ro', 'RO'],
  ])('accepts %j as %j', (input, code) => {
    expect(parseCountryCode(input)).toEqual({ ok: true, value: code });
  });

  it.each(['POL', 'Polish', 'P', '12', ''])('refuses %j', (input) => {
    expect(parseCountryCode(input)).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_COUNTRY_CODE },
    });
  });
});
