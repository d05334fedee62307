import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** An ISO 3166-1 alpha-2 country code, used for nationality. */
export type CountryCode = Brand<string, 'CountryCode'>;

/*
 * Which two-letter codes name a country comes from the platform's CLDR data (Intl.DisplayNames), kept up to
 * date with Node, rather than a copied list. CLDR also names some regions that are no country of ISO
 * 3166-1 (the EU, the UN, "Unknown Region", territories with exceptional reservations); those are refused.
 * XK (Kosovo) is a user-assigned code that passports and the EU use, so it stays.
 */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const NOT_COUNTRIES = new Set([
  'EU',
  'EZ',
  'UN',
  'QO',
  'ZZ',
  'XA',
  'XB',
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'IC',
  'TA',
]);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && REGION_NAMES.of(code) !== undefined;
}

export function parseCountryCode(input: unknown): Parsed<CountryCode> {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (isCountryCode(code)) return valid(code as CountryCode);
  return invalid(
    ValueErrorCode.INVALID_COUNTRY_CODE,
    input,
    `${describeInput(input)} is not an ISO 3166-1 alpha-2 country code; use two letters such as PL, RO or BG.`,
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function countryCode(input: string): CountryCode {
  return valueOrThrow(parseCountryCode(input));
}
