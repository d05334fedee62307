import { describe, expect, it } from '@jest/globals';
import { parsePostcode } from './postcode.value.js';
import { ValueErrorCode } from './value-error.js';

describe('Postcode', () => {
  it.each([
    ['3011 AB', '3011 AB'],
    ['3011AB', '3011 AB'],
    [' 3011ab ', '3011 AB'],
    ['9999 ZZ', '9999 ZZ'],
  ])('accepts %j as %j', (input, normalised) => {
    expect(parsePostcode(input)).toEqual({ ok: true, value: normalised });
  });

  it.each(['0123 AB', '301 AB', '3011 A', '3011 SA', '3011 SS', '3011 SD', '3011-AB', ''])(
    'refuses %j',
    (input) => {
      expect(parsePostcode(input)).toMatchObject({
        ok: false,
        error: { code: ValueErrorCode.INVALID_POSTCODE, input },
      });
    },
  );
});
