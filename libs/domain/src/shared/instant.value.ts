import { Brand } from './brand.js';
import { amsterdamTimestamp } from './amsterdam-time.js';
import { isoDate, isRealDate } from './calendar-date.value.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/**
 * A moment in time as an ISO 8601 timestamp with an explicit offset. It is always stored with one because a
 * local time without one means different moments to different agencies' systems, and it is one some
 * place on earth keeps (−12:00 to +14:00): the database refuses offsets past ±15:59, and an event
 * holding one would stop every projection that reads it.
 */
export type Instant = Brand<string, 'Instant'>;

const INSTANT_PATTERN =
  /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|([+-])([01][0-9]):([0-5][0-9]))$/;

const MAX_OFFSET_MINUTES = { '+': 14 * 60, '-': 12 * 60 } as const;

/** A wall-clock time without an offset: `2026-12-01T09:30`, `2026-12-01 09:30`, `3-12-2026 09:30`, or a date alone. */
const LOCAL_PATTERN = /^(\S+?)(?:[T ]([01]?[0-9]|2[0-3])[:.]([0-5][0-9])(?::([0-5][0-9]))?)?$/;

/**
 * A moment as people type it. With an offset (ISO 8601) it is kept as written; without one it is a time in
 * the Netherlands (Europe/Amsterdam) and stored with the offset it had there then, so every agency's
 * system reads the same moment. A date alone is the start of that day.
 */
export function parseInstant(input: unknown): Parsed<Instant> {
  const text = typeof input === 'string' ? input.trim() : '';
  const match = INSTANT_PATTERN.exec(text);
  const [, date, , , , zone, sign, hours, minutes] = match ?? [];
  const offsetOk =
    zone === 'Z' || Number(hours) * 60 + Number(minutes) <= MAX_OFFSET_MINUTES[sign as '+' | '-'];
  if (match && isRealDate(date) && offsetOk) return valid(text as Instant);
  const local = match ? undefined : LOCAL_PATTERN.exec(text);
  const localDate = local ? isoDate(local[1]) : undefined;
  if (local && localDate !== undefined && isRealDate(localDate)) {
    const [, , h, m, sec] = local;
    return valid(amsterdamTimestamp(localDate, Number(h ?? 0), Number(m ?? 0), Number(sec ?? 0)) as Instant);
  }
  if (input === undefined || input === null || input === '') {
    return invalid(
      ValueErrorCode.INVALID_INSTANT,
      input,
      'The time is missing; write it as 2026-12-03 09:30 or 3-12-2026 09:30 (Dutch time), or ISO 8601 with an offset.',
    );
  }
  return invalid(
    ValueErrorCode.INVALID_INSTANT,
    input,
    `${describeInput(input)} is not a time; write 2026-12-03 09:30 or 3-12-2026 09:30 (read as Dutch time), or ` +
      'ISO 8601 with an offset from -12:00 to +14:00, for example 2020-06-01T09:30:00+02:00.',
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function instant(input: string): Instant {
  return valueOrThrow(parseInstant(input));
}

/** Milliseconds since the epoch, for comparing instants written with different offsets. */
export function epochMillis(value: Instant): number {
  return Date.parse(value);
}
