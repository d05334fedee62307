import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { Instant } from '../shared/instant.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';

/*
 * One stream per agreement. Event data is plain JSON with optional fields left out, as for activations.
 * Who acted is in the data as well as in the envelope: who granted, amended or revoked an agreement is part
 * of the legal record of the data sharing, not only an audit detail.
 */

export interface LegalBasis {
  readonly text: string;
  /** Such as "Wet SUWI art. 64". */
  readonly reference: string;
}

/** What an agreement lets its agency see, why, and when and where. */
export interface AgreementTerms {
  /** Distinct, sorted by name, CASE among them. */
  readonly categories: readonly DataCategory[];
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  readonly validFrom: Instant;
  /** The first moment the agreement no longer applies; open-ended when absent. */
  readonly validUntil?: Instant;
  /** When set, the agreement applies only to activations in this safety region. */
  readonly regionScope?: SafetyRegion;
}

export interface AgreementGrantedData extends AgreementTerms {
  readonly agreementId: string;
  readonly agency: AgencyCode;
  /** The user id of the policy admin. */
  readonly grantedBy: string;
}

/** The terms in full as they are after the amendment, so that a reader needs no earlier event to know them. */
export interface AgreementAmendedData extends AgreementTerms {
  readonly amendedBy: string;
  readonly reason?: string;
}

export interface AgreementRevokedData {
  readonly revokedBy: string;
  readonly reason: string;
}

export interface AgreementExpiredData {
  /** The end date that passed. */
  readonly validUntil: Instant;
}

/** Wire name → payload. The wire names are stable: renaming one is a breaking change for every reader. */
export interface AgreementEventDataMap {
  'agreement.granted': AgreementGrantedData;
  'agreement.amended': AgreementAmendedData;
  'agreement.revoked': AgreementRevokedData;
  'agreement.expired': AgreementExpiredData;
}

export type AgreementEventType = keyof AgreementEventDataMap;

export type AgreementEventOf<T extends AgreementEventType> = {
  readonly type: T;
  readonly data: AgreementEventDataMap[T];
};

export type AgreementEvent = { [T in AgreementEventType]: AgreementEventOf<T> }[AgreementEventType];

export const AGREEMENT_EVENT_TYPES: readonly AgreementEventType[] = Object.keys({
  'agreement.granted': true,
  'agreement.amended': true,
  'agreement.revoked': true,
  'agreement.expired': true,
} satisfies Record<AgreementEventType, true>) as AgreementEventType[];

export function isAgreementEventType(value: unknown): value is AgreementEventType {
  return typeof value === 'string' && (AGREEMENT_EVENT_TYPES as readonly string[]).includes(value);
}
