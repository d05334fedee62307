import { Actor, Role } from './actor.value.js';
import { AgencyCode, parseAgencyCode } from './agency-code.value.js';
import { parseSafetyRegion, SafetyRegion } from './safety-region.value.js';
import { invalid, Parsed, valid, ValueErrorCode } from './value-error.js';

/**
 * Who coordinates the activations of a safety region: the safety region itself, and whom configuration
 * explicitly names for it (a lead municipality, say). A COORDINATOR role in another agency's token grants
 * no regional power, whatever region it names: the agency must be one of these.
 */
export interface RegionalCoordination {
  /** Agencies that coordinate a region besides the safety region itself. */
  readonly named: ReadonlyMap<SafetyRegion, readonly AgencyCode[]>;
}

/** Each safety region coordinates its own activations, and no one else does. */
export const SAFETY_REGIONS_COORDINATE: RegionalCoordination = { named: new Map() };

export function coordinatorsOf(coordination: RegionalCoordination, region: SafetyRegion): AgencyCode[] {
  return [region, ...(coordination.named.get(region) ?? [])];
}

/** The regions an agency coordinates: its own when it is a safety region, and those configuration names it for. */
export function regionsCoordinatedBy(coordination: RegionalCoordination, agency: string): SafetyRegion[] {
  const named = [...coordination.named].filter(([, agencies]) => agencies.some((named) => named === agency));
  const own = parseSafetyRegion(agency);
  return [...new Set([...(own.ok ? [own.value] : []), ...named.map(([region]) => region)])];
}

/** Whether the actor acts as coordinator of the region: the right role, of an agency that coordinates it. */
export function coordinates(coordination: RegionalCoordination, actor: Actor, region: SafetyRegion): boolean {
  return actor.role === Role.COORDINATOR && coordinatorsOf(coordination, region).includes(actor.agency);
}

/**
 * The configured form: `VR17=GM0599,NLA;VR09=GM0344` names GM0599 and NLA as coordinators of VR17 besides
 * VR17 itself, and GM0344 of VR09. Empty: each safety region alone.
 */
export function parseRegionalCoordination(text: string): Parsed<RegionalCoordination> {
  const named = new Map<SafetyRegion, AgencyCode[]>();
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [regionText, agenciesText, ...rest] = part.split('=');
    const region = parseSafetyRegion(regionText);
    if (!region.ok || agenciesText === undefined || rest.length > 0) {
      return invalid(
        ValueErrorCode.INVALID_SAFETY_REGION,
        part,
        `"${part}" is not a region with its coordinators; write it as VR17=GM0599,NLA, parts separated by ";".`,
      );
    }
    const agencies: AgencyCode[] = [];
    for (const agencyText of agenciesText.split(',').map((a) => a.trim())) {
      const agency = parseAgencyCode(agencyText);
      if (!agency.ok) return agency;
      agencies.push(agency.value);
    }
    named.set(region.value, [...new Set([...(named.get(region.value) ?? []), ...agencies])]);
  }
  return valid({ named });
}
