export enum ValueErrorCode {
  INVALID_AGENCY_CODE = 'INVALID_AGENCY_CODE',
  INVALID_SAFETY_REGION = 'INVALID_SAFETY_REGION',
  INVALID_MUNICIPALITY_CODE = 'INVALID_MUNICIPALITY_CODE',
  MUNICIPALITY_OUTSIDE_REGION = 'MUNICIPALITY_OUTSIDE_REGION',
  INVALID_KVK_NUMBER = 'INVALID_KVK_NUMBER',
  INVALID_BSN = 'INVALID_BSN',
  INVALID_POSTCODE = 'INVALID_POSTCODE',
  INVALID_COUNTRY_CODE = 'INVALID_COUNTRY_CODE',
  INVALID_CALENDAR_DATE = 'INVALID_CALENDAR_DATE',
  INVALID_INSTANT = 'INVALID_INSTANT',
  INVALID_EURO_CENTS = 'INVALID_EURO_CENTS',
  INVALID_CASE_NUMBER = 'INVALID_CASE_NUMBER',
  INVALID_ROLE = 'INVALID_ROLE',
  INVALID_USER_ID = 'INVALID_USER_ID',
}

/** Why a raw input is not a valid value, in a sentence the person who typed it can act on. */
export interface ValueError {
  readonly code: ValueErrorCode;
  readonly input: string;
  readonly message: string;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ValueError };

export function valid<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function invalid(code: ValueErrorCode, input: unknown, message: string): Parsed<never> {
  return {
    ok: false,
    error: { code, input: typeof input === 'string' ? input : describeInput(input), message },
  };
}

/** Thrown only by the `of` constructors, which are meant for literals known to be valid (seed data, tests). */
export class InvalidValueError extends Error {
  constructor(readonly error: ValueError) {
    super(error.message);
    this.name = 'InvalidValueError';
  }
}

export function valueOrThrow<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new InvalidValueError(parsed.error);
  return parsed.value;
}

/** How a raw input appears in an error message: quoted when it is text, named when it is missing. */
export function describeInput(input: unknown): string {
  if (typeof input === 'string') return `"${input}"`;
  if (input === undefined || input === null) return 'nothing';
  return JSON.stringify(input) ?? String(input);
}
