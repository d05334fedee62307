import { AgreementEventType, DataCategory, DEFAULT_PROCESSING_ACTIVITY } from '#domain';

/**
 * The agreement events: policy records, not case data. They never reach an agency's feed or read models
 * as events (only their effect on what an agency sees does), so they carry no field classification;
 * their schema versions live here like every other event type's.
 */
export const AGREEMENT_EVENT_SCHEMA_VERSIONS: Record<AgreementEventType, number> = {
  'agreement.proposed': 1,
  'agreement.amendment-proposed': 1,
  'agreement.approved': 1,
  'agreement.rejected': 1,
  // 2: the terms name the processing activities they serve.
  'agreement.granted': 2,
  'agreement.amended': 2,
  'agreement.revoked': 1,
  'agreement.expired': 1,
};

/**
 * Agreements recorded before the register of processing activities served the one activity keten had:
 * case coordination. Version 1 of granted and amended gets it, so they keep working unchanged.
 */
export function upcastAgreementData(type: AgreementEventType, schemaVersion: number, data: unknown): unknown {
  if ((type === 'agreement.granted' || type === 'agreement.amended') && schemaVersion < 2) {
    return { ...(data as object), activities: [DEFAULT_PROCESSING_ACTIVITY] };
  }
  return data;
}

/** The category the access to agreements is governed by, for the policy admin's own audit trail. */
export const AGREEMENT_CATEGORY = DataCategory.CASE;
