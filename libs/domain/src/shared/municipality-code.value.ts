import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A municipality by its CBS code; also an agency code, since each municipality is a party in its own right. */
export type MunicipalityCode = Brand<string, 'AgencyCode' | 'MunicipalityCode'>;

// CBS numbers municipalities from 0001; GM0000 names none.
export const MUNICIPALITY_PATTERN = /^GM(?!0000)[0-9]{4}$/;

export function parseMunicipalityCode(input: unknown): Parsed<MunicipalityCode> {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (isMunicipality(code)) return valid(code);
  if (code === '')
    return invalid(
      ValueErrorCode.INVALID_MUNICIPALITY_CODE,
      input,
      'The municipality is missing; name it by its CBS code, for example GM0599 for Rotterdam.',
    );
  return invalid(
    ValueErrorCode.INVALID_MUNICIPALITY_CODE,
    input,
    `${describeInput(input)} is not a municipality code; use GM followed by the four-digit CBS number, ` +
      'for example GM0599 for Rotterdam.',
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function municipalityCode(input: string): MunicipalityCode {
  return valueOrThrow(parseMunicipalityCode(input));
}

export function isMunicipality(code: string): code is MunicipalityCode {
  return MUNICIPALITY_PATTERN.test(code);
}
