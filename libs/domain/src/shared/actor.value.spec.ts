import { describe, expect, it } from '@jest/globals';
import { parseActor, Role } from './actor.value.js';
import { ValueErrorCode } from './value-error.js';

describe('Actor', () => {
  it('lets a municipality or national agency name the region it serves', () => {
    expect(
      parseActor({ userId: 'u-3', agency: 'GM0599', role: 'COORDINATOR', region: 'VR17' }),
    ).toMatchObject({
      ok: true,
    });
    expect(parseActor({ userId: 'u-4', agency: 'NLA', role: 'COORDINATOR', region: 'VR09' })).toMatchObject({
      ok: true,
    });
  });

  it('reads the claims of a token', () => {
    expect(parseActor({ userId: 'u-1', agency: 'vr17', role: 'COORDINATOR', region: 'VR17' })).toEqual({
      ok: true,
      value: { userId: 'u-1', agency: 'VR17', role: Role.COORDINATOR, region: 'VR17' },
    });
    expect(parseActor({ userId: 'u-2', agency: 'NLA', role: 'INSPECTOR' })).toEqual({
      ok: true,
      value: { userId: 'u-2', agency: 'NLA', role: Role.INSPECTOR },
    });
  });

  it.each([
    [{ userId: '', agency: 'NLA', role: 'INSPECTOR' }, ValueErrorCode.INVALID_USER_ID],
    [{ userId: 'u-1', agency: 'ACME', role: 'INSPECTOR' }, ValueErrorCode.INVALID_AGENCY_CODE],
    [{ userId: 'u-1', agency: 'NLA', role: 'ADMIN' }, ValueErrorCode.INVALID_ROLE],
    [
      { userId: 'u-1', agency: 'NLA', role: 'INSPECTOR', region: 'VR99' },
      ValueErrorCode.INVALID_SAFETY_REGION,
    ],
    [
      { userId: 'u-1', agency: 'VR17', role: 'COORDINATOR', region: 'VR09' },
      ValueErrorCode.INVALID_SAFETY_REGION,
    ],
  ])('refuses %j', (claims, code) => {
    expect(parseActor(claims)).toMatchObject({ ok: false, error: { code } });
  });

  it('lets the national team (LOTC) carry the national role, its policy admin and privacy officer only', () => {
    for (const role of ['NATIONAL_COORDINATOR', 'POLICY_ADMIN', 'PRIVACY_OFFICER']) {
      expect(parseActor({ userId: 'x@lotc', agency: 'LOTC', role })).toMatchObject({ ok: true });
    }
    for (const role of ['INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM']) {
      expect(parseActor({ userId: 'x@lotc', agency: 'LOTC', role })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ROLE' },
      });
    }
    expect(parseActor({ userId: 'x@nla', agency: 'NLA', role: 'NATIONAL_COORDINATOR' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ROLE' },
    });
  });
});
