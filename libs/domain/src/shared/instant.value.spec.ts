import { describe, expect, it } from '@jest/globals';
import { epochMillis, instant, parseInstant } from './instant.value.js';
import { ValueErrorCode } from './value-error.js';

describe('Instant', () => {
  it.each([
    '2020-06-01T09:30:00+02:00',
    '2020-06-01T07:30:00Z',
    '2020-06-01T07:30Z',
    '2020-06-01T07:30:00.123456Z',
    '2020-06-01T07:30:00+14:00',
    '2020-06-01T07:30:00-12:00',
  ])('accepts %s', (input) => {
    expect(parseInstant(input)).toEqual({ ok: true, value: input });
  });

  it.each([
    '2020-02-30T09:30:00Z',
    '2020-06-01T24:00:00Z',
    'yesterday',
    '',
    '2020-06-01T07:30:00+14:01',
    '2020-06-01T07:30:00-12:30',
    '2020-06-01T07:30:00+20:00',
  ])('refuses %j, saying how to write a time', (input) => {
    const parsed = parseInstant(input);
    expect(parsed).toMatchObject({ ok: false, error: { code: ValueErrorCode.INVALID_INSTANT } });
    if (!parsed.ok) expect(parsed.error.message).toContain('with an offset');
  });

  it('reads a time without an offset as Dutch time (instant-local.value.spec.ts has the forms)', () => {
    expect(parseInstant('2020-06-01T09:30:00')).toEqual({ ok: true, value: '2020-06-01T09:30:00+02:00' });
  });

  it('compares instants written with different offsets', () => {
    expect(epochMillis(instant('2020-06-01T09:30:00+02:00'))).toBe(
      epochMillis(instant('2020-06-01T07:30:00Z')),
    );
  });
});
