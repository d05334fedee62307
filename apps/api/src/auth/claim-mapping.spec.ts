import { Role } from '#domain';
import type { ClaimMapping } from '#platform';
import { mapClaims } from './claim-mapping.js';

const KETEN: ClaimMapping = {
  user: 'sub',
  agency: 'agency',
  role: 'role',
  region: 'region',
  roleMap: new Map(),
};

describe('mapClaims', () => {
  it("reads keten's own claims as they are", () => {
    expect(mapClaims({ sub: 'u', agency: 'VR17', role: 'COORDINATOR', region: 'VR17' }, KETEN)).toEqual({
      ok: true,
      claims: { userId: 'u', agency: 'VR17', role: 'COORDINATOR', region: 'VR17' },
    });
  });

  it('reads a Keycloak token: roles in realm_access.roles through the role map, agency in a custom claim', () => {
    const keycloak: ClaimMapping = {
      user: 'preferred_username',
      agency: 'keten_agency',
      role: 'realm_access.roles',
      region: 'keten_region',
      roleMap: new Map([['keten-inspecteur', Role.INSPECTOR]]),
    };
    const payload = {
      sub: 'f81d4fae',
      preferred_username: 'j.jansen',
      keten_agency: ['NLA'],
      realm_access: { roles: ['offline_access', 'uma_authorization', 'keten-inspecteur'] },
    };
    expect(mapClaims(payload, keycloak)).toEqual({
      ok: true,
      claims: { userId: 'j.jansen', agency: 'NLA', role: 'INSPECTOR', region: undefined },
    });
  });

  it('reads an Entra ID token: app roles in roles, agency in a directory extension claim', () => {
    const entra: ClaimMapping = {
      user: 'oid',
      agency: 'extension_agency',
      role: 'roles',
      region: 'extension_region',
      roleMap: new Map([['Keten.Coordinator', Role.COORDINATOR]]),
    };
    const payload = {
      oid: '00000000-0000-0000-0000-000000000001',
      extension_agency: 'VR17',
      extension_region: 'VR17',
      roles: ['Keten.Coordinator'],
    };
    expect(mapClaims(payload, entra)).toMatchObject({
      ok: true,
      claims: { agency: 'VR17', role: 'COORDINATOR', region: 'VR17' },
    });
  });

  it('refuses a token without a mapped claim, naming the claim and its variable', () => {
    expect(mapClaims({ sub: 'u', role: 'INSPECTOR' }, KETEN)).toEqual({
      ok: false,
      message: expect.stringMatching(/no "agency" claim .*JWT_CLAIM_AGENCY/),
    });
    expect(mapClaims({ sub: 'u', agency: 'NLA' }, { ...KETEN, role: 'groups' })).toEqual({
      ok: false,
      message: expect.stringMatching(/no "groups" claim .*JWT_CLAIM_ROLE/),
    });
  });

  it('refuses a list of groups that stands for no role, or for several', () => {
    const groups = {
      ...KETEN,
      role: 'groups',
      roleMap: new Map([
        ['insp', Role.INSPECTOR],
        ['coord', Role.COORDINATOR],
      ]),
    };
    expect(mapClaims({ sub: 'u', agency: 'NLA', groups: ['staff'] }, groups)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/names no keten role/),
    });
    expect(mapClaims({ sub: 'u', agency: 'NLA', groups: ['insp', 'coord'] }, groups)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/several roles \(INSPECTOR, COORDINATOR\)/),
    });
    expect(mapClaims({ sub: 'u', agency: 'NLA', groups: ['staff', 'insp'] }, groups)).toMatchObject({
      ok: true,
      claims: { role: 'INSPECTOR' },
    });
  });
});
