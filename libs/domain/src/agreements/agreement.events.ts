import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { Instant } from '../shared/instant.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';

/*
 * One stream per agreement. Event data is plain JSON with optional fields left out, as for activations.
 * Who acted, for which agency and why is in the data as well as in the envelope: it is part of the legal
 * record of the data sharing (who proposed, who approved), not only an audit detail.
 *
 * An agreement takes effect only when a policy admin of the other party approves what one party proposed
 * (four eyes, two organisations): agreement.proposed → agreement.approved (or .rejected); a change is
 * agreement.amendment-proposed → agreement.approved (or .rejected), the old terms staying in force
 * meanwhile. agreement.granted and agreement.amended are the events of releases before that rule: a stream
 * that holds them is an agreement in force (or amended) as it was recorded then.
 */

export interface LegalBasis {
  readonly text: string;
  /** Such as "Wet SUWI art. 64". */
  readonly reference: string;
}

/** The processing activity every agreement recorded before the register named serves. */
export const DEFAULT_PROCESSING_ACTIVITY = 'case-coordination';

/** What an agreement lets its agency see, why, and when and where. */
export interface AgreementTerms {
  /** Distinct, sorted by name, CASE among them. */
  readonly categories: readonly DataCategory[];
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  /** The ids of the processing activities (register entries) the agreement serves; distinct, sorted. */
  readonly activities: readonly string[];
  readonly validFrom: Instant;
  /** The first moment the agreement no longer applies; open-ended when absent. */
  readonly validUntil?: Instant;
  /** When set, the agreement applies only to activations in this safety region. */
  readonly regionScope?: SafetyRegion;
}

export interface AgreementProposedData extends AgreementTerms {
  readonly agreementId: string;
  /** The agency that may see the categories once the agreement is approved. */
  readonly agency: AgencyCode;
  /** The other party: its policy admin approves (or rejects) when the agency proposed, and vice versa. */
  readonly approverAgency: AgencyCode;
  readonly proposedBy: string;
  /** The proposing policy admin's agency: one of the two parties. */
  readonly proposerAgency: AgencyCode;
  readonly reason?: string;
}

/** A change of an agreement in force, in full: the terms it would have once approved. */
export interface AgreementAmendmentProposedData extends AgreementTerms {
  readonly proposedBy: string;
  readonly proposerAgency: AgencyCode;
  readonly reason: string;
}

/** The pending proposal (first terms or a change) approved: the terms in force from now on, in full. */
export interface AgreementApprovedData extends AgreementTerms {
  readonly approvedBy: string;
  readonly approverAgency: AgencyCode;
  readonly reason: string;
}

/** The pending proposal refused; a change refused leaves the terms in force as they were. */
export interface AgreementRejectedData {
  readonly rejectedBy: string;
  readonly rejecterAgency: AgencyCode;
  readonly reason: string;
}

/** Before four eyes: an agreement recorded and in force at once (schema version 1 had no activities). */
export interface AgreementGrantedData extends AgreementTerms {
  readonly agreementId: string;
  readonly agency: AgencyCode;
  /** The user id of the policy admin. */
  readonly grantedBy: string;
}

/** Before four eyes: the terms in full as they were after an amendment that applied at once. */
export interface AgreementAmendedData extends AgreementTerms {
  readonly amendedBy: string;
  readonly reason?: string;
}

export interface AgreementRevokedData {
  readonly revokedBy: string;
  /** The revoking admin's agency (absent in events before four eyes). */
  readonly revokerAgency?: AgencyCode;
  readonly reason: string;
}

export interface AgreementExpiredData {
  /** The end date that passed. */
  readonly validUntil: Instant;
}

/** Wire name → payload. The wire names are stable: renaming one is a breaking change for every reader. */
export interface AgreementEventDataMap {
  'agreement.proposed': AgreementProposedData;
  'agreement.amendment-proposed': AgreementAmendmentProposedData;
  'agreement.approved': AgreementApprovedData;
  'agreement.rejected': AgreementRejectedData;
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
  'agreement.proposed': true,
  'agreement.amendment-proposed': true,
  'agreement.approved': true,
  'agreement.rejected': true,
  'agreement.granted': true,
  'agreement.amended': true,
  'agreement.revoked': true,
  'agreement.expired': true,
} satisfies Record<AgreementEventType, true>) as AgreementEventType[];

export function isAgreementEventType(value: unknown): value is AgreementEventType {
  return typeof value === 'string' && (AGREEMENT_EVENT_TYPES as readonly string[]).includes(value);
}
