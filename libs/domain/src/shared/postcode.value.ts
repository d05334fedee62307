import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A Dutch postcode, normalised to the `1234 AB` form so that the same address compares equal. */
export type Postcode = Brand<string, 'Postcode'>;

// PostNL never issues the letter pairs SA, SD and SS, and no postcode starts with 0.
const POSTCODE_PATTERN = /^([1-9][0-9]{3}) ?((?!SA|SD|SS)[A-Z]{2})$/;

export function parsePostcode(input: unknown): Parsed<Postcode> {
  const match = typeof input === 'string' ? POSTCODE_PATTERN.exec(input.trim().toUpperCase()) : null;
  if (match) return valid(`${match[1]} ${match[2]}` as Postcode);
  return invalid(
    ValueErrorCode.INVALID_POSTCODE,
    input,
    `${describeInput(input)} is not a Dutch postcode; write four digits and two letters, for example 3011 AB.`,
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function postcode(input: string): Postcode {
  return valueOrThrow(parsePostcode(input));
}
