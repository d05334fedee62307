import { ALL_DATA_CATEGORIES, DataCategory, isDataCategory } from '../shared/data-category.enum.js';
import {
  isAbsent,
  isRecord,
  NAME_MAX,
  optionalText,
  parsedOrReject,
  requireAgency,
  requireInstant,
  requireText,
} from '../shared/field.parser.js';
import { parseCommand, RawFields } from '../shared/command.parser.js';
import { INVALID_INPUT, reject } from '../shared/rejection.js';
import { parseSafetyRegion, SafetyRegion } from '../shared/safety-region.value.js';
import { describeInput } from '../shared/value-error.js';
import { AgreementCommand, AgreementCommandOf, AgreementCommandType } from './agreement.commands.js';
import { LegalBasis } from './agreement.events.js';

/** Purpose, legal basis and reasons: policy text, kept to what a register entry holds. */
export const AGREEMENT_TEXT_MAX = 2_000;

type CommandParser<T extends AgreementCommandType> = (
  input: RawFields,
) => Omit<AgreementCommandOf<T>, 'type' | 'agreementId'>;

const PARSERS: { readonly [T in AgreementCommandType]: CommandParser<T> } = {
  GrantAgreement: (input) => ({
    agency: requireAgency(input.agency, 'agency'),
    categories: parseCategories(input.categories, 'categories'),
    purpose: requireText(input.purpose, 'purpose', 'The purpose', AGREEMENT_TEXT_MAX),
    legalBasis: parseLegalBasis(input.legalBasis, 'legalBasis'),
    validFrom: requireInstant(input.validFrom, 'validFrom'),
    ...(isAbsent(input.validUntil) ? {} : { validUntil: requireInstant(input.validUntil, 'validUntil') }),
    ...(isAbsent(input.regionScope) ? {} : { regionScope: parseRegion(input.regionScope) }),
  }),
  AmendAgreement: (input) => {
    const changes = ['categories', 'purpose', 'legalBasis', 'validFrom', 'validUntil', 'regionScope'];
    if (!changes.some((field) => input[field] !== undefined)) {
      return reject(
        INVALID_INPUT,
        `The amendment of agreement ${String(input.agreementId)} changes nothing; give the categories, purpose, ` +
          'legal basis, validity or region scope it should have.',
      );
    }
    const reason = optionalText(input.reason, 'reason', 'The reason', AGREEMENT_TEXT_MAX);
    return {
      ...(input.categories !== undefined && { categories: parseCategories(input.categories, 'categories') }),
      ...(input.purpose !== undefined && {
        purpose: requireText(input.purpose, 'purpose', 'The purpose', AGREEMENT_TEXT_MAX),
      }),
      ...(input.legalBasis !== undefined && { legalBasis: parseLegalBasis(input.legalBasis, 'legalBasis') }),
      ...(input.validFrom !== undefined && { validFrom: requireInstant(input.validFrom, 'validFrom') }),
      ...(input.validUntil !== undefined && {
        validUntil: input.validUntil === null ? null : requireInstant(input.validUntil, 'validUntil'),
      }),
      ...(input.regionScope !== undefined && {
        regionScope: input.regionScope === null ? null : parseRegion(input.regionScope),
      }),
      ...(reason !== undefined && { reason }),
    };
  },
  RevokeAgreement: (input) => ({
    reason: requireText(input.reason, 'reason', 'The reason for revoking', AGREEMENT_TEXT_MAX),
  }),
  ExpireAgreement: () => ({}),
};

/** Parses an agreement command as it arrived; rejects with INVALID_INPUT naming the first field at fault. */
export function parseAgreementCommand(input: unknown): AgreementCommand {
  return parseCommand(input, AGREEMENTS, PARSERS);
}

const AGREEMENTS = { idField: 'agreementId', idLabel: 'The agreement id', what: 'an agreement command' };

/*
 * Every agreement includes CASE. Nearly every event of an activation has CASE as its primary category, and
 * the rest (interventions, reports) only make sense against the case they belong to: an agreement without
 * CASE would let an agency read a fine or a report of an activation it may not know exists. Requiring it in
 * each agreement, rather than in the union of an agency's agreements, keeps every agreement meaningful on
 * its own, so revoking one never leaves another that grants detail without its case.
 */
export function parseCategories(value: unknown, field: string): DataCategory[] {
  if (!Array.isArray(value)) {
    return reject(INVALID_INPUT, 'The categories must be a list; name at least CASE.', field);
  }
  const categories = value.map((category, i) => {
    if (isDataCategory(category)) return category;
    return reject(
      INVALID_INPUT,
      `${describeInput(category)} is not a data category; use one of ${ALL_DATA_CATEGORIES.join(', ')}.`,
      `${field}[${i}]`,
    );
  });
  if (!categories.includes(DataCategory.CASE)) {
    return reject(
      INVALID_INPUT,
      'An agreement must include CASE: without it the agency cannot see the activations the other categories ' +
        'belong to; add CASE to the categories.',
      field,
    );
  }
  return [...new Set(categories)].sort();
}

function parseLegalBasis(input: unknown, field: string): LegalBasis {
  if (!isRecord(input)) {
    return reject(
      INVALID_INPUT,
      'The legal basis is missing; describe it and give its reference, for example "Wet SUWI art. 64".',
      field,
    );
  }
  return {
    text: requireText(input.text, `${field}.text`, 'The description of the legal basis', AGREEMENT_TEXT_MAX),
    reference: requireText(
      input.reference,
      `${field}.reference`,
      'The reference of the legal basis (for example "Wet SUWI art. 64")',
      NAME_MAX,
    ),
  };
}

function parseRegion(value: unknown): SafetyRegion {
  return parsedOrReject(parseSafetyRegion(value), 'regionScope');
}
