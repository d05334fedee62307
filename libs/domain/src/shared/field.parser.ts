import { AgencyCode, parseAgencyCode } from './agency-code.value.js';
import { Instant, parseInstant } from './instant.value.js';
import { categoriesFieldOf, Narrative, parseDeclaredCategories } from './narrative.value.js';
import { INVALID_INPUT, reject } from './rejection.js';
import { describeInput, Parsed } from './value-error.js';

/*
 * The parsing kit every decider shares: each function returns the value a command or an event will carry
 * (trimmed, normalised, branded) or rejects with INVALID_INPUT naming the field. They read `unknown`,
 * because a command may come from JSON that never met the TypeScript types. The limits here are the rules:
 * the GraphQL layer checks with the same constants (and functions), so a limit is changed in one place.
 */

/** Names, addresses, labels and references. */
export const NAME_MAX = 200;
/** Free text: descriptions, summaries, reasons. */
export const TEXT_MAX = 10_000;

export function parsedOrReject<T>(parsed: Parsed<T>, field: string): T {
  if (!parsed.ok) return reject(INVALID_INPUT, parsed.error.message, field);
  return parsed.value;
}

export function requireText(value: unknown, field: string, label: string, max = TEXT_MAX): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return reject(INVALID_INPUT, `${label} is missing; fill it in.`, field);
  if (text.length > max) {
    return reject(
      INVALID_INPUT,
      `${label} is ${text.length} characters long; shorten it to at most ${max}.`,
      field,
    );
  }
  return text;
}

export function optionalText(
  value: unknown,
  field: string,
  label: string,
  max = TEXT_MAX,
): string | undefined {
  return isAbsent(value) ? undefined : requireText(value, field, label, max);
}

/**
 * A narrative: the text in `fields[key]` and the categories its author declared in `fields[keyCategories]`
 * (absent: the default its event gets, see Narrative). `prefix` names a nested part (`initialSignal`).
 */
export function requireNarrative(
  fields: Readonly<Record<string, unknown>>,
  key: string,
  label: string,
  { max = TEXT_MAX, prefix = '' }: { max?: number; prefix?: string } = {},
): Narrative {
  const at = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  const text = requireText(fields[key], at(key), label, max);
  const declared = parseDeclaredCategories(fields[categoriesFieldOf(key)]);
  if (!declared.ok) return reject(INVALID_INPUT, declared.message, at(categoriesFieldOf(key)));
  return declared.value === undefined ? { text } : { text, categories: declared.value };
}

export function optionalNarrative(
  fields: Readonly<Record<string, unknown>>,
  key: string,
  label: string,
  options: { max?: number; prefix?: string } = {},
): Narrative | undefined {
  return isAbsent(fields[key]) ? undefined : requireNarrative(fields, key, label, options);
}

/** Ids chosen by the caller: of activations, agreements, signals, findings, persons. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requireId(value: unknown, field: string, label: string): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  return reject(
    INVALID_INPUT,
    `${label} ${describeInput(value)} is not a usable id; use 1 to 128 letters, digits, '.', '_', ':' or '-', ` +
      'for example a UUID.',
    field,
  );
}

export function optionalIds(values: unknown, field: string, label: string): string[] | undefined {
  if (isAbsent(values)) return undefined;
  return distinct(
    requireList(values, field, label).map((value, i) => requireId(value, `${field}[${i}]`, label)),
  );
}

export function requireBoolean(value: unknown, field: string, label: string): boolean {
  if (typeof value === 'boolean') return value;
  return reject(INVALID_INPUT, `${label} must be true or false.`, field);
}

export function optionalBoolean(value: unknown, field: string, label: string): boolean | undefined {
  return isAbsent(value) ? undefined : requireBoolean(value, field, label);
}

export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  label: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return reject(
    INVALID_INPUT,
    `${label} ${describeInput(value)} is not allowed here; use one of ${allowed.join(', ')}.`,
    field,
  );
}

export function requireList(value: unknown, field: string, label: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return reject(INVALID_INPUT, `${label} must be a list.`, field);
}

export function requireAgency(value: unknown, field: string): AgencyCode {
  return parsedOrReject(parseAgencyCode(value), field);
}

export function requireAgencies(values: unknown, field: string, label: string): AgencyCode[] {
  return distinct(requireList(values, field, label).map((a, i) => requireAgency(a, `${field}[${i}]`)));
}

export function requireInstant(value: unknown, field: string): Instant {
  return parsedOrReject(parseInstant(value), field);
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
