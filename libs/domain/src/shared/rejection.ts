import { Decision } from './decider.js';

/** The code every decider uses for malformed input; each capability's error enum repeats it by name. */
export const INVALID_INPUT = 'INVALID_INPUT';

/** Why a decider refuses a command, in a sentence the person who sent it can act on. */
export interface DomainError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  /** The command field at fault, as a dotted path (`employer.kvkNumber`, `subjects[1].bsn`), when there is one. */
  readonly field?: string;
}

/**
 * Thrown inside a decider and caught at its edge (`decided`), so the rules read as straight-line checks;
 * it never escapes the domain.
 */
export class Rejection extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'Rejection';
  }
}

export function reject(code: string, message: string, field?: string): never {
  throw new Rejection(field === undefined ? { code, message } : { code, message, field });
}

/** Runs a decision written as straight-line checks and turns a rejection into a refused Decision. */
export function decided<E, Code extends string>(work: () => E[]): Decision<E, DomainError<Code>> {
  try {
    return { ok: true, events: work() };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: error.error as DomainError<Code> };
    throw error;
  }
}

/** As `decided`, for a step that produces one value (a parsed command) rather than events. */
export function attempt<T, Code extends string>(
  work: () => T,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError<Code> } {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: error.error as DomainError<Code> };
    throw error;
  }
}
