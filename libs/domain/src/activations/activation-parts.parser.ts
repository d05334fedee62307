import { parseBsn } from '../shared/bsn.value.js';
import { parseCalendarDate } from '../shared/calendar-date.value.js';
import { parseCountryCode } from '../shared/country-code.value.js';
import { parseEuroCents } from '../shared/euro-cents.value.js';
import {
  isAbsent,
  isRecord,
  NAME_MAX,
  optionalBoolean,
  optionalNarrative,
  optionalText,
  parsedOrReject,
  requireAgency,
  requireId,
  requireList,
  requireNarrative,
  requireOneOf,
  requireText,
} from '../shared/field.parser.js';
import { Instant } from '../shared/instant.value.js';
import { parseKvkNumber } from '../shared/kvk-number.value.js';
import { parsePostcode } from '../shared/postcode.value.js';
import { INVALID_INPUT, reject } from '../shared/rejection.js';
import { SignalFields } from './activation.commands.js';
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
 * Parsers for the parts activation commands share (addresses, companies, persons, amounts, signals), over
 * the shared parsing kit. Each returns the value the events will carry or rejects naming the field.
 */

export function parseLocation(input: unknown, field: string): Location {
  if (!isRecord(input)) return reject(INVALID_INPUT, 'The address is missing; fill it in.', field);
  const postcode = isAbsent(input.postcode) ? undefined : parsePostcode(input.postcode);
  return {
    address: requireText(input.address, `${field}.address`, 'The street and house number', NAME_MAX),
    ...(postcode && { postcode: parsedOrReject(postcode, `${field}.postcode`) }),
    city: requireText(input.city, `${field}.city`, 'The city', NAME_MAX),
  };
}

export function optionalLocation(input: unknown, field: string): Location | undefined {
  return isAbsent(input) ? undefined : parseLocation(input, field);
}

function parseCompany(input: unknown, field: string, label: string): Company {
  if (!isRecord(input)) return reject(INVALID_INPUT, `${label} is missing; fill it in.`, field);
  const kvk = isAbsent(input.kvkNumber) ? undefined : parseKvkNumber(input.kvkNumber);
  return {
    name: requireText(input.name, `${field}.name`, `The name of ${label.toLowerCase()}`, NAME_MAX),
    ...(kvk && { kvkNumber: parsedOrReject(kvk, `${field}.kvkNumber`) }),
  };
}

export function parseEmployer(input: unknown, field: string): Employer {
  const company = parseCompany(input, field, 'The employer');
  const staffing = (input as Record<string, unknown>).staffingAgency;
  if (isAbsent(staffing)) return company;
  return {
    ...company,
    staffingAgency: parseCompany(staffing, `${field}.staffingAgency`, 'The staffing agency'),
  };
}

export function optionalEmployer(input: unknown, field: string): Employer | undefined {
  return isAbsent(input) ? undefined : parseEmployer(input, field);
}

/** `now` bounds birth dates: a person born after the command was given is a typing error. */
export function optionalSubjects(inputs: unknown, field: string, now: Instant): Subject[] | undefined {
  if (isAbsent(inputs)) return undefined;
  const subjects = requireList(inputs, field, 'The persons').map((input, i) =>
    parseSubject(input, `${field}[${i}]`, now),
  );
  const seen = new Set<string>();
  subjects.forEach((subject, i) => {
    if (seen.has(subject.subjectId)) {
      reject(
        INVALID_INPUT,
        `Person ${subject.subjectId} is listed twice; list each person once.`,
        `${field}[${i}].subjectId`,
      );
    }
    seen.add(subject.subjectId);
  });
  return subjects;
}

export function parseSubject(input: unknown, field: string, now: Instant): Subject {
  if (!isRecord(input)) return reject(INVALID_INPUT, 'A person is missing; fill it in.', field);
  const subjectId = requireId(input.subjectId, `${field}.subjectId`, 'The person id');
  const name = optionalText(input.name, `${field}.name`, 'The name of the person', NAME_MAX);
  const bsn = isAbsent(input.bsn) ? undefined : parsedOrReject(parseBsn(input.bsn), `${field}.bsn`);
  if (name === undefined && bsn === undefined) {
    return reject(
      INVALID_INPUT,
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
      INVALID_INPUT,
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
  if (isAbsent(inputs)) return undefined;
  return requireList(inputs, field, 'The amounts').map((amount, i) => {
    if (!isRecord(amount))
      return reject(INVALID_INPUT, 'An amount is missing; fill it in.', `${field}[${i}]`);
    return {
      label: requireText(amount.label, `${field}[${i}].label`, 'What the amount is', NAME_MAX),
      euroCents: parsedOrReject(parseEuroCents(amount.euroCents), `${field}[${i}].euroCents`),
    };
  });
}

export function parseSignalSource(input: unknown, field: string): SignalSource {
  if (!isRecord(input)) {
    return reject(INVALID_INPUT, 'The source of the signal is missing; fill it in.', field);
  }
  const kind = requireOneOf(input.kind, Object.values(SignalSourceKind), `${field}.kind`, 'The source kind');
  switch (kind) {
    case SignalSourceKind.PARTNER_AGENCY: {
      const name = optionalText(input.name, `${field}.name`, 'The name of the source', NAME_MAX);
      if (isAbsent(input.agency)) {
        return reject(
          INVALID_INPUT,
          'A signal from a partner agency names that agency; add its code (such as GGD17 or UWV) as the ' +
            "source's agency, or choose EXTERNAL.",
          `${field}.agency`,
        );
      }
      return {
        kind,
        agency: requireAgency(input.agency, `${field}.agency`),
        ...(name !== undefined && { name }),
      };
    }
    case SignalSourceKind.EXTERNAL:
      if (!isAbsent(input.agency)) {
        return reject(
          INVALID_INPUT,
          'An external source is not a partner agency; leave the agency out or choose PARTNER_AGENCY.',
          `${field}.agency`,
        );
      }
      return { kind, name: requireText(input.name, `${field}.name`, 'The name of the source', NAME_MAX) };
    case SignalSourceKind.ANONYMOUS:
      if (!isAbsent(input.agency) || !isAbsent(input.name)) {
        return reject(
          INVALID_INPUT,
          'An anonymous source has no name or agency; leave them out or choose EXTERNAL or PARTNER_AGENCY.',
          field,
        );
      }
      return { kind };
  }
}

/** A signal's own fields, in a RecordSignal or as an activation's initial signal (`prefix`). */
export function parseSignal(input: unknown, prefix: string, now: Instant): SignalFields {
  const field = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  if (!isRecord(input)) return reject(INVALID_INPUT, 'The signal is missing; fill it in.', prefix);
  const signalId = requireId(input.signalId, field('signalId'), 'The signal id');
  const source = parseSignalSource(input.source, field('source'));
  const description = requireNarrative(input, 'description', 'The description', { prefix });
  const subjects = optionalSubjects(input.subjects, field('subjects'), now);
  const confirmedInfection = optionalBoolean(
    input.confirmedInfection,
    field('confirmedInfection'),
    'Confirmed infection',
  );
  const healthDetail = optionalNarrative(input, 'healthDetail', 'The health detail', { prefix });
  return {
    signalId,
    source,
    description,
    ...(subjects !== undefined && { subjects }),
    ...(confirmedInfection !== undefined && { confirmedInfection }),
    ...(healthDetail !== undefined && { healthDetail }),
  };
}
