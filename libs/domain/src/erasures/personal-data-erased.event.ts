/*
 * The activation event an erasure leaves (see erasure-effect.ts): its payload only, so that the activation
 * events can name it without depending on the erasure's decider.
 */

/** Why personal data was erased. */
export enum ErasureCause {
  /** An erasure request approved by a second privacy officer (art. 17 AVG). */
  ERASURE = 'ERASURE',
  /** The activation's archive decision (destroy) fell due (Archiefwet, art. 5(1)(e) AVG). */
  RETENTION = 'RETENTION',
}

/** Whose data: one person in every case, one subject of this case, or every subject of this case. */
export enum ErasureScope {
  PERSON = 'PERSON',
  CASE_SUBJECT = 'CASE_SUBJECT',
  ACTIVATION = 'ACTIVATION',
}

export interface PersonalDataErasedData {
  /** The erasure request, or `retention-<activationId>` for the retention schedule. */
  readonly erasureId: string;
  readonly cause: ErasureCause;
  readonly scope: ErasureScope;
  /** The pseudonym the erased subject's keys were filed under; absent when the whole activation was erased. */
  readonly subjectRef?: string;
}
