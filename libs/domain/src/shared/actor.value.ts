import { AgencyCode, AgencyKind, agencyKindOf, parseAgencyCode } from './agency-code.value.js';
import { parseSafetyRegion, SafetyRegion } from './safety-region.value.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode } from './value-error.js';

export enum Role {
  INSPECTOR = 'INSPECTOR',
  COORDINATOR = 'COORDINATOR',
  AGENCY_SYSTEM = 'AGENCY_SYSTEM',
  POLICY_ADMIN = 'POLICY_ADMIN',
  PRIVACY_OFFICER = 'PRIVACY_OFFICER',
  /** The national coordinating team (LOT-C, agency LOTC): the accountability figures of every region. */
  NATIONAL_COORDINATOR = 'NATIONAL_COORDINATOR',
}

/**
 * The roles a token of the national team may carry: its read models cover every activation (for the
 * figures), so no role of it may read or work cases.
 */
const NATIONAL_TEAM_ROLES: readonly Role[] = [
  Role.NATIONAL_COORDINATOR,
  Role.POLICY_ADMIN,
  Role.PRIVACY_OFFICER,
];

/** Who issues a command: a person or system of one agency, in one role, optionally tied to a safety region. */
export interface Actor {
  readonly userId: string;
  readonly agency: AgencyCode;
  readonly role: Role;
  readonly region?: SafetyRegion;
}

export interface ActorClaims {
  readonly userId: unknown;
  readonly agency: unknown;
  readonly role: unknown;
  readonly region?: unknown;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}

/** Turns the claims of a verified token into an Actor, refusing unknown agencies, roles and regions. */
export function parseActor(claims: ActorClaims): Parsed<Actor> {
  if (typeof claims.userId !== 'string' || claims.userId.trim() === '') {
    return invalid(
      ValueErrorCode.INVALID_USER_ID,
      claims.userId,
      'The user id is missing; the token must name the user who acts.',
    );
  }
  const agency = parseAgencyCode(claims.agency);
  if (!agency.ok) return agency;
  if (!isRole(claims.role)) {
    return invalid(
      ValueErrorCode.INVALID_ROLE,
      claims.role,
      `${describeInput(claims.role)} is not a role; use one of ${Object.values(Role).join(', ')}.`,
    );
  }
  const national = agencyKindOf(agency.value) === AgencyKind.NATIONAL_COORDINATION;
  if (
    national !== (claims.role === Role.NATIONAL_COORDINATOR) &&
    !(national && NATIONAL_TEAM_ROLES.includes(claims.role))
  ) {
    return invalid(
      ValueErrorCode.INVALID_ROLE,
      claims.role,
      national
        ? `the national team ${agency.value} reads figures only; its tokens carry ${NATIONAL_TEAM_ROLES.join(', ')}.`
        : `the role ${Role.NATIONAL_COORDINATOR} belongs to the national team (LOTC), not to ${agency.value}.`,
    );
  }
  if (claims.region === undefined || claims.region === null) {
    return valid({ userId: claims.userId, agency: agency.value, role: claims.role });
  }
  const region = parseSafetyRegion(claims.region);
  if (!region.ok) return region;
  // A safety region is one region: naming another would make its people that region's coordinators.
  if (agencyKindOf(agency.value) === AgencyKind.SAFETY_REGION && (region.value as string) !== agency.value) {
    return invalid(
      ValueErrorCode.INVALID_SAFETY_REGION,
      claims.region,
      `the safety region ${agency.value} cannot act for region ${region.value}; its tokens name its own region or none.`,
    );
  }
  return valid({ userId: claims.userId, agency: agency.value, role: claims.role, region: region.value });
}
