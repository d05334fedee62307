import { MUNICIPALITY_REGIONS, MUNICIPALITY_TABLE_YEAR } from './municipality-regions.data.js';
import type { MunicipalityCode } from './municipality-code.value.js';
import type { SafetyRegion } from './safety-region.value.js';
import { invalid, Parsed, valid, ValueErrorCode } from './value-error.js';

export { MUNICIPALITY_TABLE_SOURCE, MUNICIPALITY_TABLE_YEAR } from './municipality-regions.data.js';

interface Municipality {
  readonly region: SafetyRegion;
  readonly name: string;
}

const BY_CODE: ReadonlyMap<string, Municipality> = new Map(
  MUNICIPALITY_REGIONS.map(([code, region, name]) => [code, { region: region as SafetyRegion, name }]),
);

/** The municipality's name and safety region by the CBS table, or undefined when the table has no such code. */
export function municipalityOf(code: string): Municipality | undefined {
  return BY_CODE.get(code);
}

/**
 * A municipality where an activation takes place: one of the CBS table, lying in the activation's safety
 * region (a case in Rotterdam belongs to Rotterdam-Rijnmond's coordinators, not Utrecht's).
 */
export function parseMunicipalityInRegion(
  municipality: MunicipalityCode,
  region: SafetyRegion,
): Parsed<MunicipalityCode> {
  const known = BY_CODE.get(municipality);
  if (!known) {
    return invalid(
      ValueErrorCode.INVALID_MUNICIPALITY_CODE,
      municipality,
      `${municipality} is not a municipality of the CBS table of ${MUNICIPALITY_TABLE_YEAR}; check the code ` +
        '(a merged municipality goes by the code of the new one), for example GM0599 for Rotterdam.',
    );
  }
  if (known.region !== region) {
    return invalid(
      ValueErrorCode.MUNICIPALITY_OUTSIDE_REGION,
      municipality,
      `${municipality} (${known.name}) lies in safety region ${known.region}, not ${region}; ` +
        `correct the region to ${known.region} or name a municipality of ${region}.`,
    );
  }
  return valid(municipality);
}
