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

  it.each([['BG'], ['NL'], ['UA'], ['XK']])('accepts the nationality %s', (code) => {
    expect(parseCountryCode(code)).toEqual({ ok: true, value: code });
  });

  // Two letters that name no country of ISO 3166-1: unassigned, or regions and organisations.
  it.each(['XX', 'AA', 'EU', 'UN', 'ZZ', 'QO'])('refuses %j, which names no country', (input) => {
    expect(parseCountryCode(input)).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_COUNTRY_CODE },
    });
  });

  it.each(['POL', 'Polish', 'P', '12', ''])('refuses %j', (input) => {
    expect(parseCountryCode(input)).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_COUNTRY_CODE },
    });
  });
});
