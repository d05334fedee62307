import { Brand } from './brand.js';
import { describeInput, invalid, Parsed, valid, ValueErrorCode, valueOrThrow } from './value-error.js';

/** One of the 25 veiligheidsregio's; also an agency code, since a safety region is a party in its own right. */
export type SafetyRegion = Brand<string, 'AgencyCode' | 'SafetyRegion'>;

export const REGION_NUMBER = '(0[1-9]|1[0-9]|2[0-5])';
export const SAFETY_REGION_PATTERN = new RegExp(`^VR${REGION_NUMBER}$`);

/** The 25 safety regions, VR01 to VR25. */
export const ALL_SAFETY_REGIONS: readonly SafetyRegion[] = Array.from(
  { length: 25 },
  (_, i) => `VR${String(i + 1).padStart(2, '0')}` as SafetyRegion,
);

export function parseSafetyRegion(input: unknown): Parsed<SafetyRegion> {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (isSafetyRegion(code)) return valid(code);
  if (code === '')
    return invalid(
      ValueErrorCode.INVALID_SAFETY_REGION,
      input,
      'The safety region is missing; name it as VR01 to VR25, for example VR17 for Rotterdam-Rijnmond.',
    );
  return invalid(
    ValueErrorCode.INVALID_SAFETY_REGION,
    input,
    `${describeInput(input)} is not a safety region; use VR01 to VR25, for example VR17 for Rotterdam-Rijnmond.`,
  );
}

/** For literals known to be valid (seed data, tests); throws on anything else. */
export function safetyRegion(input: string): SafetyRegion {
  return valueOrThrow(parseSafetyRegion(input));
}

export function isSafetyRegion(code: string): code is SafetyRegion {
  return SAFETY_REGION_PATTERN.test(code);
}
