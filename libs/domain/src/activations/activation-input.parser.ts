import { AgencyCode, parseAgencyCode } from '../shared/agency-code.value.js';
import { parseBsn } from '../shared/bsn.value.js';
import { parseCalendarDate } from '../shared/calendar-date.value.js';
import { parseCountryCode } from '../shared/country-code.value.js';
import { parseEuroCents } from '../shared/euro-cents.value.js';
import { Instant } from '../shared/instant.value.js';
import { parseKvkNumber } from '../shared/kvk-number.value.js';
import { parsePostcode } from '../shared/postcode.value.js';
import { describeInput, Parsed } from '../shared/value-error.js';
import {
  CompanyInput,
  EmployerInput,
  LocationInput,
  MonetaryAmountInput,
  SignalSourceInput,
  SubjectInput,
} from './activation.commands.js';
import { ActivationErrorCode, reject } from './activation.errors.js';
import {
  Company,
  Employer,
  Location,
  MonetaryAmount,
  SignalSource,
  SignalSourceKind,
  Subject,
} from './activation.vocabulary.js';

/*
 * Parsers for the parts of a command. Each returns the value the events will carry (trimmed, normalised,
 * branded) or rejects with INVALID_INPUT naming the field. They read `unknown` at runtime because a command
 * may come from JSON that never met the TypeScript types.
 */

export const MAX_NAME = 200;
export const MAX_TEXT = 10_000;

export function parsedOrReject<T>(parsed: Parsed<T>, field: string): T {
  if (!parsed.ok) return reject(ActivationErrorCode.INVALID_INPUT, parsed.error.message, field);
  return parsed.value;
}

export function requireText(value: unknown, field: string, label: string, max = MAX_TEXT): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '')
    return reject(ActivationErrorCode.INVALID_INPUT, `${label} is missing; fill it in.`, field);
  if (text.length > max) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
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
  max = MAX_TEXT,
): string | undefined {
  return value === undefined || value === null ? undefined : requireText(value, field, label, max);
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requireId(value: unknown, field: string, label: string): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  return reject(
    ActivationErrorCode.INVALID_INPUT,
    `${label} ${describeInput(value)} is not a usable id; use 1 to 128 letters, digits, '.', '_', ':' or '-', ` +
      'for example a UUID.',
    field,
  );
}

export function optionalIds(values: unknown, field: string, label: string): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  return distinct(
    requireList(values, field, label).map((value, i) => requireId(value, `${field}[${i}]`, label)),
  );
}

export function requireBoolean(value: unknown, field: string, label: string): boolean {
  if (typeof value === 'boolean') return value;
  return reject(ActivationErrorCode.INVALID_INPUT, `${label} must be true or false.`, field);
}

export function optionalBoolean(value: unknown, field: string, label: string): boolean | undefined {
  return value === undefined || value === null ? undefined : requireBoolean(value, field, label);
}

export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  label: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return reject(
    ActivationErrorCode.INVALID_INPUT,
    `${label} ${describeInput(value)} is not allowed here; use one of ${allowed.join(', ')}.`,
    field,
  );
}

export function requireList(value: unknown, field: string, label: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return reject(ActivationErrorCode.INVALID_INPUT, `${label} must be a list.`, field);
}

export function requireAgency(value: unknown, field: string): AgencyCode {
  return parsedOrReject(parseAgencyCode(value), field);
}

export function parseLocation(input: LocationInput | undefined, field: string): Location {
  if (!isRecord(input))
    return reject(ActivationErrorCode.INVALID_INPUT, 'The address is missing; fill it in.', field);
  const postcode =
    input.postcode === undefined || input.postcode === null ? undefined : parsePostcode(input.postcode);
  return {
    address: requireText(input.address, `${field}.address`, 'The street and house number', MAX_NAME),
    ...(postcode && { postcode: parsedOrReject(postcode, `${field}.postcode`) }),
    city: requireText(input.city, `${field}.city`, 'The city', MAX_NAME),
  };
}

export function optionalLocation(input: LocationInput | undefined, field: string): Location | undefined {
  return input === undefined || input === null ? undefined : parseLocation(input, field);
}

function parseCompany(input: CompanyInput, field: string, label: string): Company {
  if (!isRecord(input))
    return reject(ActivationErrorCode.INVALID_INPUT, `${label} is missing; fill it in.`, field);
  const kvk =
    input.kvkNumber === undefined || input.kvkNumber === null ? undefined : parseKvkNumber(input.kvkNumber);
  return {
    name: requireText(input.name, `${field}.name`, `The name of ${label.toLowerCase()}`, MAX_NAME),
    ...(kvk && { kvkNumber: parsedOrReject(kvk, `${field}.kvkNumber`) }),
  };
}

export function parseEmployer(input: EmployerInput, field: string): Employer {
  const company = parseCompany(input, field, 'The employer');
  const staffing = input.staffingAgency;
  if (staffing === undefined || staffing === null) return company;
  return {
    ...company,
    staffingAgency: parseCompany(staffing, `${field}.staffingAgency`, 'The staffing agency'),
  };
}

export function optionalEmployer(input: EmployerInput | undefined, field: string): Employer | undefined {
  return input === undefined || input === null ? undefined : parseEmployer(input, field);
}

/** `now` bounds birth dates: a person born after the command was given is a typing error. */
export function optionalSubjects(inputs: unknown, field: string, now: Instant): Subject[] | undefined {
  if (inputs === undefined || inputs === null) return undefined;
  const subjects = requireList(inputs, field, 'The persons').map((input, i) =>
    parseSubject(input as SubjectInput, `${field}[${i}]`, now),
  );
  const seen = new Set<string>();
  subjects.forEach((subject, i) => {
    if (seen.has(subject.subjectId)) {
      reject(
        ActivationErrorCode.INVALID_INPUT,
        `Person ${subject.subjectId} is listed twice; list each person once.`,
        `${field}[${i}].subjectId`,
      );
    }
    seen.add(subject.subjectId);
  });
  return subjects;
}

function parseSubject(input: SubjectInput, field: string, now: Instant): Subject {
  if (!isRecord(input))
    return reject(ActivationErrorCode.INVALID_INPUT, 'A person is missing; fill it in.', field);
  const subjectId = requireId(input.subjectId, `${field}.subjectId`, 'The person id');
  const name = optionalText(input.name, `${field}.name`, 'The name of the person', MAX_NAME);
  const bsn = isAbsent(input.bsn) ? undefined : parsedOrReject(parseBsn(input.bsn), `${field}.bsn`);
  if (name === undefined && bsn === undefined) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Person ${subjectId} has neither a name nor a BSN; give at least one so the person can be recognised.`,
      field,
    );
  }
  const birthDate = isAbsent(input.birthDate)
    ? undefined
    : parsedOrReject(parseCalendarDate(input.birthDate), `${field}.birthDate`);
  // The instant's own date, in its own offset, is the day the person giving the command lives in.
  if (birthDate !== undefined && birthDate > now.slice(0, 10)) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Birth date ${birthDate} lies in the future; check the year.`,
      `${field}.birthDate`,
    );
  }
  const nationality = isAbsent(input.nationality)
    ? undefined
    : parsedOrReject(parseCountryCode(input.nationality), `${field}.nationality`);
  return {
    subjectId,
    ...(name !== undefined && { name }),
    ...(bsn !== undefined && { bsn }),
    ...(birthDate !== undefined && { birthDate }),
    ...(nationality !== undefined && { nationality }),
  };
}

export function optionalAmounts(inputs: unknown, field: string): MonetaryAmount[] | undefined {
  if (inputs === undefined || inputs === null) return undefined;
  return requireList(inputs, field, 'The amounts').map((input, i) => {
    const amount = input as MonetaryAmountInput;
    if (!isRecord(amount)) {
      return reject(ActivationErrorCode.INVALID_INPUT, 'An amount is missing; fill it in.', `${field}[${i}]`);
    }
    return {
      label: requireText(amount.label, `${field}[${i}].label`, 'What the amount is', MAX_NAME),
      euroCents: parsedOrReject(parseEuroCents(amount.euroCents), `${field}[${i}].euroCents`),
    };
  });
}

export function parseSignalSource(input: SignalSourceInput, field: string): SignalSource {
  if (!isRecord(input)) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'The source of the signal is missing; fill it in.',
      field,
    );
  }
  const kind = requireOneOf(input.kind, Object.values(SignalSourceKind), `${field}.kind`, 'The source kind');
  switch (kind) {
    case SignalSourceKind.PARTNER_AGENCY: {
      const name = optionalText(input.name, `${field}.name`, 'The name of the source', MAX_NAME);
      return {
        kind,
        agency: requireAgency(input.agency, `${field}.agency`),
        ...(name !== undefined && { name }),
      };
    }
    case SignalSourceKind.EXTERNAL:
      if (!isAbsent(input.agency)) {
        return reject(
          ActivationErrorCode.INVALID_INPUT,
          'An external source is not a partner agency; leave the agency out or choose PARTNER_AGENCY.',
          `${field}.agency`,
        );
      }
      return { kind, name: requireText(input.name, `${field}.name`, 'The name of the source', MAX_NAME) };
    case SignalSourceKind.ANONYMOUS:
      if (!isAbsent(input.agency) || !isAbsent(input.name)) {
        return reject(
          ActivationErrorCode.INVALID_INPUT,
          'An anonymous source has no name or agency; leave them out or choose EXTERNAL or PARTNER_AGENCY.',
          field,
        );
      }
      return { kind };
  }
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
