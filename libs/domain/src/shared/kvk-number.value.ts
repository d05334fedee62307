import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A Chamber of Commerce (KvK) registration number. */
export type KvkNumber = Brand<string, 'KvkNumber'>;

export function parseKvkNumber(input: unknown): Parsed<KvkNumber> {
  const digits = typeof input === 'string' ? input.trim() : '';
  if (/^[0-9]{8}$/.test(digits)) return valid(digits as KvkNumber);
  return invalid(
    ValueErrorCode.INVALID_KVK_NUMBER,
    input,
    `KvK number ${describeInput(input)} must be exactly 8 digits; copy it from the Chamber of Commerce extract.`,
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function kvkNumber(input: string): KvkNumber {
  return valueOrThrow(parseKvkNumber(input));
}
