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
import { DEFAULT_PROCESSING_ACTIVITY, LegalBasis } from './agreement.events.js';

/** Purpose, legal basis and reasons: policy text, kept to what a register entry holds. */
export const AGREEMENT_TEXT_MAX = 2_000;

type CommandParser<T extends AgreementCommandType> = (
  input: RawFields,
) => Omit<AgreementCommandOf<T>, 'type' | 'agreementId'>;

const PARSERS: { readonly [T in AgreementCommandType]: CommandParser<T> } = {
  ProposeAgreement: (input) => ({
    agency: requireAgency(input.agency, 'agency'),
    approverAgency: requireAgency(input.approverAgency, 'approverAgency'),
    categories: parseCategories(input.categories, 'categories'),
    purpose: requireText(input.purpose, 'purpose', 'The purpose', AGREEMENT_TEXT_MAX),
    legalBasis: parseLegalBasis(input.legalBasis, 'legalBasis'),
    activities: isAbsent(input.activities)
      ? [DEFAULT_PROCESSING_ACTIVITY]
      : parseActivities(input.activities, 'activities'),
    validFrom: requireInstant(input.validFrom, 'validFrom'),
    ...(isAbsent(input.validUntil) ? {} : { validUntil: requireInstant(input.validUntil, 'validUntil') }),
    ...(isAbsent(input.regionScope) ? {} : { regionScope: parseRegion(input.regionScope) }),
    ...optionalReason(input.reason),
  }),
  AmendAgreement: (input) => {
    const changes = [
      'categories',
      'purpose',
      'legalBasis',
      'activities',
      'validFrom',
      'validUntil',
      'regionScope',
    ];
    if (!changes.some((field) => input[field] !== undefined)) {
      return reject(
        INVALID_INPUT,
        `The amendment of agreement ${String(input.agreementId)} changes nothing; give the categories, purpose, ` +
          'legal basis, processing activities, validity or region scope it should have.',
      );
    }
    return {
      ...(input.categories !== undefined && { categories: parseCategories(input.categories, 'categories') }),
      ...(input.purpose !== undefined && {
        purpose: requireText(input.purpose, 'purpose', 'The purpose', AGREEMENT_TEXT_MAX),
      }),
      ...(input.legalBasis !== undefined && { legalBasis: parseLegalBasis(input.legalBasis, 'legalBasis') }),
      ...(input.activities !== undefined && { activities: parseActivities(input.activities, 'activities') }),
      ...(input.validFrom !== undefined && { validFrom: requireInstant(input.validFrom, 'validFrom') }),
      ...(input.validUntil !== undefined && {
        validUntil: input.validUntil === null ? null : requireInstant(input.validUntil, 'validUntil'),
      }),
      ...(input.regionScope !== undefined && {
        regionScope: input.regionScope === null ? null : parseRegion(input.regionScope),
      }),
      reason: requireReason(input.reason, 'The reason for the change'),
    };
  },
  ApproveAgreement: (input) => ({ reason: requireReason(input.reason, 'The reason for approving') }),
  RejectAgreement: (input) => ({ reason: requireReason(input.reason, 'The reason for rejecting') }),
  RevokeAgreement: (input) => ({ reason: requireReason(input.reason, 'The reason for revoking') }),
  ExpireAgreement: () => ({}),
};

function requireReason(value: unknown, label: string): string {
  return requireText(value, 'reason', label, AGREEMENT_TEXT_MAX);
}

function optionalReason(value: unknown): { reason?: string } {
  const reason = optionalText(value, 'reason', 'The reason', AGREEMENT_TEXT_MAX);
  return reason === undefined ? {} : { reason };
}

/** A register id: lower-case words joined by hyphens, as `case-coordination`. */
const ACTIVITY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ACTIVITY_ID_MAX = 64;

/** Whether the text is written as a register id (it may still name no entry of the register). */
export function isActivityId(value: string): boolean {
  return ACTIVITY_ID.test(value) && value.length <= ACTIVITY_ID_MAX;
}

/** The processing activities an agreement serves: register ids, at least one, distinct and sorted. */
export function parseActivities(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return reject(
      INVALID_INPUT,
      `Name the processing activities the agreement serves, for example ["${DEFAULT_PROCESSING_ACTIVITY}"].`,
      field,
    );
  }
  const ids = value.map((id, i) => {
    if (typeof id === 'string' && isActivityId(id.trim())) {
      return id.trim();
    }
    return reject(
      INVALID_INPUT,
      `${describeInput(id)} is not a processing activity id; use the id of its register entry, such as ` +
        `"${DEFAULT_PROCESSING_ACTIVITY}" (lower-case words joined by hyphens).`,
      `${field}[${i}]`,
    );
  });
  return [...new Set(ids)].sort();
}

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
