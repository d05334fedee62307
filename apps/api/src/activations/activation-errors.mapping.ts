import { ActivationErrorCode } from '#domain';
import { ApiErrorCode } from '../errors/index.js';

/** Exhaustive: a new domain error code without a GraphQL code here fails to compile. */
export const ACTIVATION_ERROR_CODES: Record<ActivationErrorCode, ApiErrorCode> = {
  [ActivationErrorCode.INVALID_INPUT]: ApiErrorCode.BAD_USER_INPUT,
  [ActivationErrorCode.PERSONAL_DATA_IN_TEXT]: ApiErrorCode.BAD_USER_INPUT,
  [ActivationErrorCode.SUBJECT_CONFLICT]: ApiErrorCode.BAD_USER_INPUT,
  [ActivationErrorCode.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [ActivationErrorCode.ALREADY_OPENED]: ApiErrorCode.CONFLICT,
  [ActivationErrorCode.ROLE_NOT_ALLOWED]: ApiErrorCode.FORBIDDEN,
  [ActivationErrorCode.NOT_LEAD_AGENCY]: ApiErrorCode.FORBIDDEN,
  [ActivationErrorCode.NOT_A_PARTICIPANT]: ApiErrorCode.FORBIDDEN,
  [ActivationErrorCode.NOT_CASE_AUTHORITY]: ApiErrorCode.FORBIDDEN,
  [ActivationErrorCode.NOT_INVITED]: ApiErrorCode.FORBIDDEN,
  [ActivationErrorCode.LEAD_AGENCY_CANNOT_LEAVE]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.AGENCY_NOT_PARTICIPATING]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.ACTIVATION_CLOSED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.ACTIVATION_NOT_CLOSED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.REPORT_REQUIRED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.INSPECTIONS_OUTSTANDING]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.CONFIRMED_INFECTION_REQUIRED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.KIND_CONFLICT]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.ALREADY_REPRESSIVE]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.DUPLICATE_ID]: ApiErrorCode.CONFLICT,
  [ActivationErrorCode.SIGNAL_NOT_FOUND]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.FINDING_NOT_FOUND]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.INSPECTION_NOT_FOUND]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.INSPECTION_ALREADY_COMPLETED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.INSPECTION_CANCELLED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.EMPLOYER_REQUIRED]: ApiErrorCode.DOMAIN_RULE,
  [ActivationErrorCode.LOCATION_REQUIRED]: ApiErrorCode.DOMAIN_RULE,
};
