import { Brand } from './brand.js';
import { Instant } from './instant.value.js';
import { SafetyRegion } from './safety-region.value.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/**
 * The human case number of an activation, `VR17-2026-0042`: its safety region, the year it was opened (in
 * the Netherlands) and its place among that region's activations of that year. Short enough to say on the
 * phone; unique, because one counter per region and year hands them out (libs/events case-numbers.table).
 */
export type CaseNumber = Brand<string, 'CaseNumber'>;

const CASE_NUMBER_PATTERN = /^VR(0[1-9]|1[0-9]|2[0-5])-[0-9]{4}-[0-9]{4,}$/;

export function formatCaseNumber(region: SafetyRegion, year: number, sequence: number): CaseNumber {
  return `${region}-${year}-${String(sequence).padStart(4, '0')}` as CaseNumber;
}

/** A case number as people type it: any case, spaces around it. */
export function parseCaseNumber(input: unknown): Parsed<CaseNumber> {
  const text = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (CASE_NUMBER_PATTERN.test(text)) return valid(text as CaseNumber);
  return invalid(
    ValueErrorCode.INVALID_CASE_NUMBER,
    input,
    `${describeInput(input)} is not a case number; write it as region-year-number, for example VR17-2026-0042.`,
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function caseNumber(input: string): CaseNumber {
  return valueOrThrow(parseCaseNumber(input));
}

const yearFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', year: 'numeric' });

/** The year a moment falls in, in the Netherlands: a case opened at 00:30 on 1 January belongs to the new year. */
export function caseYearOf(at: Instant | string): number {
  return Number(yearFormat.format(new Date(at)));
}
