import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** An amount of money in whole euro cents: integers, so sums of wages and fines never drift. */
export type EuroCents = Brand<number, 'EuroCents'>;

export function parseEuroCents(input: unknown): Parsed<EuroCents> {
  if (typeof input === 'number' && Number.isSafeInteger(input) && input >= 0)
    return valid(input as EuroCents);
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
