import { Brand } from './brand.js';
import { MUNICIPALITY_PATTERN } from './municipality-code.value.js';
import { REGION_NUMBER, SAFETY_REGION_PATTERN } from './safety-region.value.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** A party to agreements and the owner of one feed: a national agency, a municipality, a safety region or a GGD. */
export type AgencyCode = Brand<string, 'AgencyCode'>;

export enum AgencyKind {
  LABOUR_INSPECTORATE = 'LABOUR_INSPECTORATE',
  EMPLOYEE_INSURANCE = 'EMPLOYEE_INSURANCE',
  SOCIAL_INSURANCE_BANK = 'SOCIAL_INSURANCE_BANK',
  TAX_ADMINISTRATION = 'TAX_ADMINISTRATION',
  POLICE = 'POLICE',
  FOOD_AND_PRODUCT_SAFETY = 'FOOD_AND_PRODUCT_SAFETY',
  ROYAL_MARECHAUSSEE = 'ROYAL_MARECHAUSSEE',
  MUNICIPALITY = 'MUNICIPALITY',
  SAFETY_REGION = 'SAFETY_REGION',
  PUBLIC_HEALTH_SERVICE = 'PUBLIC_HEALTH_SERVICE',
  /** The national coordinating team (LOT-C): it reads the figures of every region, and no case. */
  NATIONAL_COORDINATION = 'NATIONAL_COORDINATION',
}

/** The agency code of the national coordinating team (Landelijk Operationeel Team Corona, LOT-C). */
export const NATIONAL_TEAM = 'LOTC' as AgencyCode;

const NATIONAL_AGENCIES: Readonly<Record<string, AgencyKind>> = {
  NLA: AgencyKind.LABOUR_INSPECTORATE,
  UWV: AgencyKind.EMPLOYEE_INSURANCE,
  SVB: AgencyKind.SOCIAL_INSURANCE_BANK,
  BD: AgencyKind.TAX_ADMINISTRATION,
  POL: AgencyKind.POLICE,
  NVWA: AgencyKind.FOOD_AND_PRODUCT_SAFETY,
  KMAR: AgencyKind.ROYAL_MARECHAUSSEE,
  LOTC: AgencyKind.NATIONAL_COORDINATION,
};

// The GGD regions follow the numbering of the 25 safety regions.
const GGD_PATTERN = new RegExp(`^GGD${REGION_NUMBER}$`);

export function parseAgencyCode(input: unknown): Parsed<AgencyCode> {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (agencyKindOf(code) !== undefined) return valid(code as AgencyCode);
  if (code === '') {
    return invalid(
      ValueErrorCode.INVALID_AGENCY_CODE,
      input,
      'The agency is missing; name it by its code, such as NLA, UWV, SVB, BD, GM0599, VR17 or GGD17.',
    );
  }
  return invalid(
    ValueErrorCode.INVALID_AGENCY_CODE,
    input,
    `${describeInput(input)} is not a known agency code; use NLA, UWV, SVB, BD, POL, NVWA, KMAR or LOTC, ` +
      'a municipality code such as GM0599, a safety region VR01 to VR25 or a GGD GGD01 to GGD25.',
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function agencyCode(input: string): AgencyCode {
  return valueOrThrow(parseAgencyCode(input));
}

/** The kind of agency a code names, or undefined when the code names none. */
export function agencyKindOf(code: string): AgencyKind | undefined {
  if (Object.hasOwn(NATIONAL_AGENCIES, code)) return NATIONAL_AGENCIES[code];
  if (MUNICIPALITY_PATTERN.test(code)) return AgencyKind.MUNICIPALITY;
  if (SAFETY_REGION_PATTERN.test(code)) return AgencyKind.SAFETY_REGION;
  if (GGD_PATTERN.test(code)) return AgencyKind.PUBLIC_HEALTH_SERVICE;
  return undefined;
}

export function isGgd(code: string): code is AgencyCode {
  return GGD_PATTERN.test(code);
}
