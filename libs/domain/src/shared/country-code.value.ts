import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** An ISO 3166-1 alpha-2 country code, used for nationality. */
export type CountryCode = Brand<string, 'CountryCode'>;

export function parseCountryCode(input: unknown): Parsed<CountryCode> {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (/^[A-Z]{2}$/.test(code)) return valid(code as CountryCode);
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
