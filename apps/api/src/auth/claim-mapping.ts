import { type ActorClaims, isRole, Role } from '#domain';
import type { ClaimMapping } from '#platform';

/** The variable that names each claim, for sentences that tell an operator what to change. */
const VARIABLE = {
  user: 'JWT_CLAIM_USER',
  agency: 'JWT_CLAIM_AGENCY',
  role: 'JWT_CLAIM_ROLE',
  region: 'JWT_CLAIM_REGION',
};

export type MappedClaims = { ok: true; claims: ActorClaims } | { ok: false; message: string };

/** The value at a claim name or dotted path (`realm_access.roles`); a claim whose name has dots wins. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Reads who acts from a verified token as the configuration maps it: the user, agency, role and region
 * claims by name or path; a role claim may hold a list (a provider's `groups`), of which exactly one value
 * must stand for a keten role, directly or through JWT_ROLE_MAP. The values themselves are checked by the
 * domain's parseActor afterwards, as for every token.
 */
export function mapClaims(payload: Readonly<Record<string, unknown>>, mapping: ClaimMapping): MappedClaims {
  const missing = (field: keyof typeof VARIABLE) => ({
    ok: false as const,
    message: `the token has no "${mapping[field]}" claim naming the ${field === 'user' ? 'user' : field} (${VARIABLE[field]}); ask your identity provider to issue it for keten.`,
  });
  const single = (field: 'user' | 'agency' | 'region'): unknown => {
    const value = claimAt(payload, mapping[field]);
    return Array.isArray(value) && value.length === 1 ? value[0] : value;
  };
  const userId = single('user');
  if (userId === undefined) return missing('user');
  const agency = single('agency');
  if (agency === undefined) return missing('agency');
  const raw = claimAt(payload, mapping.role);
  if (raw === undefined) return missing('role');
  const mapped = (value: unknown): unknown =>
    typeof value === 'string' ? (mapping.roleMap.get(value) ?? value) : value;
  let role: unknown;
  if (Array.isArray(raw)) {
    const roles = [...new Set(raw.map(mapped).filter(isRole))] as Role[];
    if (roles.length > 1) {
      return {
        ok: false,
        message: `the token's "${mapping.role}" claim stands for several roles (${roles.join(', ')}); keten acts in one role per token.`,
      };
    }
    if (roles.length === 0) {
      return {
        ok: false,
        message: `the token's "${mapping.role}" claim names no keten role (${Object.values(Role).join(', ')}); map the provider's values with JWT_ROLE_MAP.`,
      };
    }
    role = roles[0];
  } else role = mapped(raw);
  const region = single('region');
  return { ok: true, claims: { userId, agency, role, region } };
}
