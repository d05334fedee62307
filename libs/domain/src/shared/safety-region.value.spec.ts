import { describe, expect, it } from '@jest/globals';
import { parseSafetyRegion, safetyRegion } from './safety-region.value.js';
import { ValueErrorCode } from './value-error.js';

describe('SafetyRegion', () => {
  it.each(['VR01', 'VR09', 'VR10', 'VR17', 'VR25'])('accepts %s', (code) => {
    expect(parseSafetyRegion(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case', () => {
    expect(parseSafetyRegion('vr17')).toEqual({ ok: true, value: 'VR17' });
  });

  it.each(['VR00', 'VR26', 'VR1', 'VR017', 'GM0599', 'NLA'])('refuses %j', (code) => {
    expect(parseSafetyRegion(code)).toEqual({
      ok: false,
      error: {
        code: ValueErrorCode.INVALID_SAFETY_REGION,
        input: code,
        message: `"${code}" is not a safety region; use VR01 to VR25, for example VR17 for Rotterdam-Rijnmond.`,
      },
    });
  });

  it('is also an agency code', () => {
    const region: import('./agency-code.value.js').AgencyCode = safetyRegion('VR17');
    expect(region).toBe('VR17');
  });
});
