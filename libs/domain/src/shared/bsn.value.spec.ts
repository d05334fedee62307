import { describe, expect, it } from '@jest/globals';
import { bsn, parseBsn } from './bsn.value.js';
import { InvalidValueError, ValueErrorCode } from './value-error.js';

describe('Bsn', () => {
  // 111222333: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66, divisible by 11.
  it.each(['111222333', '123456782', '999999990', '010000008'])(
    'accepts %s, which passes the eleven-test',
    (input) => {
      expect(parseBsn(input)).toEqual({ ok: true, value: input });
    },
  );

  it('refuses 123456789, which fails the eleven-test', () => {
    expect(parseBsn('123456789')).toEqual({
      ok: false,
      error: {
        code: ValueErrorCode.INVALID_BSN,
        input: '123456789',
        message: 'BSN 123456789 fails the eleven-test; check the digits.',
      },
    });
  });

  it('refuses all zeros, which passes the arithmetic but is no BSN', () => {
    expect(parseBsn('000000000')).toMatchObject({ ok: false, error: { code: ValueErrorCode.INVALID_BSN } });
    expect(parseBsn('000.00.0000')).toMatchObject({ ok: false, error: { code: ValueErrorCode.INVALID_BSN } });
  });

  it.each(['6281.94.821', '628 194 821', ' 62 819 48 21 '])('reads %j as people write it', (input) => {
    expect(parseBsn(input)).toEqual({ ok: true, value: '628194821' });
  });

  it('says a missing BSN is missing, not that "nothing" is no BSN', () => {
    expect(parseBsn('')).toMatchObject({ ok: false, error: { message: expect.stringContaining('missing') } });
  });

  it.each(['11122233', '1112223330', '111-222-333', 'abcdefghi'])(
    'refuses %j for its length or form',
    (input) => {
      const parsed = parseBsn(input);
      expect(parsed).toMatchObject({ ok: false, error: { code: ValueErrorCode.INVALID_BSN } });
      if (!parsed.ok) expect(parsed.error.message).toContain('exactly 9 digits');
    },
  );

  it('throws from the literal constructor on an invalid BSN', () => {
    expect(bsn('111222333')).toBe('111222333');
    expect(() => bsn('111222334')).toThrow(InvalidValueError);
  });
});
