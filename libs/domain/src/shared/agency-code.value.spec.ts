import { describe, expect, it } from '@jest/globals';
import { agencyCode, AgencyKind, agencyKindOf, isGgd, parseAgencyCode } from './agency-code.value.js';
import { isMunicipality } from './municipality-code.value.js';
import { isSafetyRegion } from './safety-region.value.js';
import { InvalidValueError, ValueErrorCode } from './value-error.js';

describe('AgencyCode', () => {
  it.each([
    ['NLA', AgencyKind.LABOUR_INSPECTORATE],
    ['UWV', AgencyKind.EMPLOYEE_INSURANCE],
    ['SVB', AgencyKind.SOCIAL_INSURANCE_BANK],
    ['BD', AgencyKind.TAX_ADMINISTRATION],
    ['POL', AgencyKind.POLICE],
    ['NVWA', AgencyKind.FOOD_AND_PRODUCT_SAFETY],
    ['KMAR', AgencyKind.ROYAL_MARECHAUSSEE],
    ['GM0599', AgencyKind.MUNICIPALITY],
    ['VR01', AgencyKind.SAFETY_REGION],
    ['VR25', AgencyKind.SAFETY_REGION],
    ['GGD01', AgencyKind.PUBLIC_HEALTH_SERVICE],
    ['GGD25', AgencyKind.PUBLIC_HEALTH_SERVICE],
  ])('accepts %s as %s', (code, kind) => {
    expect(parseAgencyCode(code)).toEqual({ ok: true, value: code });
    expect(agencyKindOf(code)).toBe(kind);
  });

  it('normalises case and surrounding space', () => {
    expect(parseAgencyCode(' gm0599 ')).toEqual({ ok: true, value: 'GM0599' });
  });

  it.each([
    '',
    'ACME',
    'VR00',
    'VR26',
    'GGD26',
    'GM599',
    'GM0000',
    'GM05990',
    'N LA',
    'constructor',
    'toString',
  ])('refuses %j with a sentence naming the valid forms', (code) => {
    const parsed = parseAgencyCode(code);
    expect(parsed).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_AGENCY_CODE, input: code },
    });
    if (!parsed.ok) expect(parsed.error.message).toContain('GM0599');
    expect(agencyKindOf(code)).toBeUndefined();
  });

  it.each([undefined, null, 17, {}])('refuses the non-text %p', (input) => {
    expect(parseAgencyCode(input)).toMatchObject({
      ok: false,
      error: { code: ValueErrorCode.INVALID_AGENCY_CODE },
    });
  });

  it('tells safety regions, municipalities and GGDs apart', () => {
    expect([isSafetyRegion('VR17'), isMunicipality('VR17'), isGgd('VR17')]).toEqual([true, false, false]);
    expect([isSafetyRegion('GM0599'), isMunicipality('GM0599'), isGgd('GM0599')]).toEqual([
      false,
      true,
      false,
    ]);
    expect([isSafetyRegion('GGD17'), isMunicipality('GGD17'), isGgd('GGD17')]).toEqual([false, false, true]);
    expect([isSafetyRegion('NLA'), isMunicipality('NLA'), isGgd('NLA')]).toEqual([false, false, false]);
  });

  it('throws from the literal constructor on an invalid code', () => {
    expect(agencyCode('NLA')).toBe('NLA');
    expect(() => agencyCode('ACME')).toThrow(InvalidValueError);
  });
});
