import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A burgerservicenummer: nine digits that pass the eleven-test. */
export type Bsn = Brand<string, 'Bsn'>;

/** The form of a BSN, before the eleven-test: nine digits. */
export const BSN_FORMAT = /^[0-9]{9}$/;

/** The digits of a BSN as people write it: together, or grouped with dots or spaces (6281.94.821, 628 194 821). */
export function bsnDigits(input: unknown): string {
  return typeof input === 'string' ? input.trim().replace(/[.\s]/g, '') : '';
}

export function parseBsn(input: unknown): Parsed<Bsn> {
  const digits = bsnDigits(input);
  if (input === undefined || input === null || digits === '') {
    return invalid(
      ValueErrorCode.INVALID_BSN,
      input,
      'The BSN is missing; give its 9 digits, or leave the BSN out.',
    );
  }
  if (!BSN_FORMAT.test(digits)) {
    return invalid(
      ValueErrorCode.INVALID_BSN,
      input,
      `BSN ${describeInput(input)} must be exactly 9 digits; write an 8-digit BSN with a leading zero.`,
    );
  }
  if (!passesElevenTest(digits)) {
    return invalid(
      ValueErrorCode.INVALID_BSN,
      input,
      /^0+$/.test(digits)
        ? "BSN 000000000 is no one's BSN; give the person's real BSN, or leave the BSN out."
        : `BSN ${digits} fails the eleven-test; check the digits.`,
    );
  }
  return valid(digits as Bsn);
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function bsn(input: string): Bsn {
  return valueOrThrow(parseBsn(input));
}

// Weights 9..2 on the first eight digits and -1 on the last; 000000000 passes the arithmetic but is no BSN.
function passesElevenTest(digits: string): boolean {
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/**
 * Every number in a text that is a BSN: nine digits passing the eleven-test, written together or grouped
 * with dots or spaces as people write them (628194821, 6281.94.821, 628 194 821). Digit runs inside longer
 * numbers or words (a UUID's hex groups, an IBAN) do not count.
 */
export function bsnsIn(text: string): Bsn[] {
  const found = new Set<Bsn>();
  const candidates =
    /(?<![0-9A-Za-z])(\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3}|\d{2}[. ]\d{3}[. ]\d{2}[. ]\d{2})(?![0-9A-Za-z])/g;
  for (const match of text.matchAll(candidates)) {
    const digits = match[1].replace(/[. ]/g, '');
    if (digits.length === 9 && passesElevenTest(digits)) found.add(digits as Bsn);
  }
  return [...found];
}
