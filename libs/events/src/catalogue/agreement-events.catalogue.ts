import { AgreementEventType, DataCategory } from '#domain';

/**
 * The agreement events: policy records, not case data. They never reach an agency's feed or read models
 * as events (only their effect on what an agency sees does), so they carry no field classification;
 * their schema versions live here like every other event type's.
 */
export const AGREEMENT_EVENT_SCHEMA_VERSIONS: Record<AgreementEventType, number> = {
  'agreement.granted': 1,
  'agreement.amended': 1,
  'agreement.revoked': 1,
  'agreement.expired': 1,
};

/** The category the access to agreements is governed by, for the policy admin's own audit trail. */
export const AGREEMENT_CATEGORY = DataCategory.CASE;
