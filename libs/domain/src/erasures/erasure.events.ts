import { AgencyCode } from '../shared/agency-code.value.js';

/*
 * Erasure of a data subject (AVG art. 17): one stream per request. A privacy officer asks for it, with the
 * ground and a reason; it takes effect only when a second privacy officer approves (four eyes). Its
 * events outlive what they erase, so they never hold the person: the subject is named by the pseudonym
 * its keys are filed under, and a reason may not name a BSN.
 */

/** The grounds of art. 17(1) AVG that keten's processing can meet. */
export enum ErasureGround {
  /** (a) no longer necessary for the purposes for which it was collected. */
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  /** (b) consent withdrawn, where consent was the basis. */
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  /** (c) the data subject objected (art. 21) and no overriding grounds remain. */
  OBJECTION = 'OBJECTION',
  /** (d) processed unlawfully, e.g. recorded without a legal basis. */
  UNLAWFULLY_PROCESSED = 'UNLAWFULLY_PROCESSED',
  /** (e) a legal obligation to erase. */
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
}

export const ERASURE_GROUNDS: readonly ErasureGround[] = Object.values(ErasureGround);

/** Whom an erasure is of: a person by their BSN, in every case; or one subject of one activation. */
export type ErasureTarget =
  | { readonly kind: 'PERSON'; readonly subjectRef: string }
  | { readonly kind: 'CASE_SUBJECT'; readonly subjectRef: string; readonly activationId: string };

export interface ErasureRequestedData {
  readonly erasureId: string;
  readonly target: ErasureTarget;
  readonly ground: ErasureGround;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requesterAgency: AgencyCode;
}

/** The second privacy officer's yes: from now on the subject's keys are gone. */
export interface ErasureApprovedData {
  readonly approvedBy: string;
  readonly approverAgency: AgencyCode;
  readonly reason: string;
}

export interface ErasureRejectedData {
  readonly rejectedBy: string;
  readonly rejecterAgency: AgencyCode;
  readonly reason: string;
}

export interface ErasureEventDataMap {
  'erasure.requested': ErasureRequestedData;
  'erasure.approved': ErasureApprovedData;
  'erasure.rejected': ErasureRejectedData;
}

export type ErasureEventType = keyof ErasureEventDataMap;

export type ErasureEvent = {
  [T in ErasureEventType]: { readonly type: T; readonly data: ErasureEventDataMap[T] };
}[ErasureEventType];

export const ERASURE_EVENT_TYPES: readonly ErasureEventType[] = Object.keys({
  'erasure.requested': true,
  'erasure.approved': true,
  'erasure.rejected': true,
} satisfies Record<ErasureEventType, true>) as ErasureEventType[];

export function isErasureEventType(value: unknown): value is ErasureEventType {
  return typeof value === 'string' && (ERASURE_EVENT_TYPES as readonly string[]).includes(value);
}
