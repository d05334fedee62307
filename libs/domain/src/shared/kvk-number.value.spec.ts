import { describe, expect, it } from '@jest/globals';
import { parseKvkNumber } from './kvk-number.value.js';
import { ValueErrorCode } from './value-error.js';

describe('KvkNumber', () => {
  it.each(['12345678', '00000001', ' 69599084 '])('accepts %j', (input) => {
    expect(parseKvkNumber(input)).toEqual({ ok: true, value: input.trim() });
  });

  it.each(['1234567', '123456789', '1234 5678', 'ABCDEFGH', ''])('refuses %j', (input) => {
    expect(parseKvkNumber(input)).toEqual({
      ok: false,
      error: {
        code: ValueErrorCode.INVALID_KVK_NUMBER,
        input,
        message: `KvK number "${input}" must be exactly 8 digits; copy it from the Chamber of Commerce extract.`,
      },
    });
  });
});
