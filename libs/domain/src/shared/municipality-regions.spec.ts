import { describe, expect, it } from '@jest/globals';
import { MUNICIPALITY_REGIONS } from './municipality-regions.data.js';
import { municipalityCode } from './municipality-code.value.js';
import { municipalityOf, parseMunicipalityInRegion } from './municipality-regions.js';
import { isSafetyRegion, safetyRegion } from './safety-region.value.js';
import { ValueErrorCode } from './value-error.js';

describe('the CBS table of municipalities and their safety regions', () => {
  it('holds every municipality once, each in one of the 25 safety regions, and every region has some', () => {
    const codes = MUNICIPALITY_REGIONS.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(342);
    expect(codes.every((code) => /^GM\d{4}$/.test(code))).toBe(true);
    expect(MUNICIPALITY_REGIONS.every(([, region]) => isSafetyRegion(region))).toBe(true);
    expect(new Set(MUNICIPALITY_REGIONS.map(([, region]) => region)).size).toBe(25);
    expect([...codes].sort()).toEqual(codes);
  });

  it.each([
    ['GM0599', 'VR17', 'Rotterdam'],
    ['GM0344', 'VR09', 'Utrecht'],
    ['GM0363', 'VR13', 'Amsterdam'],
    ['GM0935', 'VR24', 'Maastricht'],
    ['GM1992', 'VR17', 'Voorne aan Zee'],
  ])('given %s, it lies in %s (%s)', (code, region, name) => {
    expect(municipalityOf(code)).toEqual({ region, name });
    expect(parseMunicipalityInRegion(municipalityCode(code), safetyRegion(region))).toEqual({
      ok: true,
      value: code,
    });
  });

  it('when a municipality lies in another region, it says which', () => {
    expect(parseMunicipalityInRegion(municipalityCode('GM0599'), safetyRegion('VR09'))).toMatchObject({
      ok: false,
      error: {
        code: ValueErrorCode.MUNICIPALITY_OUTSIDE_REGION,
        message: expect.stringContaining('lies in safety region VR17, not VR09'),
      },
    });
  });

  it('when a municipality merged away (Brielle, 2023) or never was, it is no municipality of the table', () => {
    for (const code of ['GM0501', 'GM9999']) {
      expect(parseMunicipalityInRegion(municipalityCode(code), safetyRegion('VR17'))).toMatchObject({
        ok: false,
        error: { code: ValueErrorCode.INVALID_MUNICIPALITY_CODE },
      });
    }
  });
});
