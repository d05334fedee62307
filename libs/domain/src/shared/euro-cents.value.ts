import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** An amount of money in whole euro cents: integers, so sums of wages and fines never drift. */
export type EuroCents = Brand<number, 'EuroCents'>;

/**
 * Whole cents, as a number or as a string of digits (what a client sends for amounts beyond a 32-bit
 * GraphQL Int): anything up to Number.MAX_SAFE_INTEGER cents, some 90 trillion euro.
 */
export function parseEuroCents(input: unknown): Parsed<EuroCents> {
  const value = typeof input === 'string' && /^\s*[0-9]{1,16}\s*$/.test(input) ? Number(input) : input;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return valid(value as EuroCents);
  return invalid(
    ValueErrorCode.INVALID_EURO_CENTS,
    input,
    `${describeInput(input)} is not an amount in euro cents; give a whole, non-negative number of cents, ` +
      'for example 150000 for € 1,500.00.',
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function euroCents(input: number): EuroCents {
  return valueOrThrow(parseEuroCents(input));
}
