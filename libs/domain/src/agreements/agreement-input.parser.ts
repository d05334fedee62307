import { ALL_DATA_CATEGORIES, DataCategory, isDataCategory } from '../shared/data-category.enum.js';
import { Instant, parseInstant } from '../shared/instant.value.js';
import { describeInput, Parsed } from '../shared/value-error.js';
import { LegalBasisInput } from './agreement.commands.js';
import { AgreementErrorCode, reject } from './agreement.errors.js';
import { LegalBasis } from './agreement.events.js';

/*
 * Parsers for the parts of an agreement command. Each returns the value the events will carry (trimmed,
 * normalised, branded) or rejects with INVALID_INPUT naming the field. They read `unknown` at runtime because
 * a command may come from JSON that never met the TypeScript types.
 */

export const MAX_REFERENCE = 200;
export const MAX_TEXT = 2_000;

export function parsedOrReject<T>(parsed: Parsed<T>, field: string): T {
  if (!parsed.ok) return reject(AgreementErrorCode.INVALID_INPUT, parsed.error.message, field);
  return parsed.value;
}

export function requireText(value: unknown, field: string, label: string, max = MAX_TEXT): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return reject(AgreementErrorCode.INVALID_INPUT, `${label} is missing; fill it in.`, field);
  if (text.length > max) {
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      `${label} is ${text.length} characters long; shorten it to at most ${max}.`,
      field,
    );
  }
  return text;
}

export function optionalText(value: unknown, field: string, label: string): string | undefined {
  return isAbsent(value) ? undefined : requireText(value, field, label);
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requireId(value: unknown, field: string): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  return reject(
    AgreementErrorCode.INVALID_INPUT,
    `The agreement id ${describeInput(value)} is not a usable id; use 1 to 128 letters, digits, '.', '_', ':' ` +
      "or '-', for example a UUID.",
    field,
  );
}

export function requireInstant(value: unknown, field: string): Instant {
  return parsedOrReject(parseInstant(value), field);
}

/*
 * Every agreement includes CASE. Nearly every event of an activation has CASE as its primary category, and
 * the rest (interventions, reports) only make sense against the case they belong to: an agreement without
 * CASE would let an agency read a fine or a report of an activation it may not know exists. Requiring it in
 * each agreement, rather than in the union of an agency's agreements, keeps every agreement meaningful on
 * its own, so revoking one never leaves another that grants detail without its case.
 */
export function parseCategories(value: unknown, field: string): DataCategory[] {
  if (!Array.isArray(value)) {
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      'The categories must be a list; name at least CASE.',
      field,
    );
  }
  const categories = value.map((category, i) => {
    if (isDataCategory(category)) return category;
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      `${describeInput(category)} is not a data category; use one of ${ALL_DATA_CATEGORIES.join(', ')}.`,
      `${field}[${i}]`,
    );
  });
  if (!categories.includes(DataCategory.CASE)) {
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      'An agreement must include CASE: without it the agency cannot see the activations the other categories ' +
        'belong to; add CASE to the categories.',
      field,
    );
  }
  return [...new Set(categories)].sort();
}

export function parseLegalBasis(input: LegalBasisInput | undefined, field: string): LegalBasis {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      'The legal basis is missing; describe it and give its reference, for example "Wet SUWI art. 64".',
      field,
    );
  }
  return {
    text: requireText(input.text, `${field}.text`, 'The description of the legal basis'),
    reference: requireText(
      input.reference,
      `${field}.reference`,
      'The reference of the legal basis (for example "Wet SUWI art. 64")',
      MAX_REFERENCE,
    ),
  };
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
