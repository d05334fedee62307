import { describe, expect, it } from '@jest/globals';
import { parseMunicipalityCode } from './municipality-code.value.js';
import { ValueErrorCode } from './value-error.js';

describe('MunicipalityCode', () => {
  it.each(['GM0599', 'GM0363', 'GM0001', 'GM1966'])('accepts %s', (code) => {
    expect(parseMunicipalityCode(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case', () => {
    expect(parseMunicipalityCode('gm0599')).toEqual({ ok: true, value: 'GM0599' });
  });

  it.each(['GM0000', 'GM599', 'GM05991', '0599', 'VR17', 'GMABCD'])(
    'refuses %j, pointing at the CBS code',
    (code) => {
      const parsed = parseMunicipalityCode(code);
      expect(parsed).toMatchObject({ ok: false, error: { code: ValueErrorCode.INVALID_MUNICIPALITY_CODE } });
      if (!parsed.ok) expect(parsed.error.message).toContain('four-digit CBS number');
    },
  );
});
