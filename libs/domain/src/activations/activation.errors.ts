import { DomainError } from '../shared/rejection.js';

/** Why the activation decider refuses a command. Each code maps to one GraphQL error code in the API. */
export enum ActivationErrorCode {
  /** The input is malformed: a bad code, an empty text, a missing field. */
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_OPENED = 'ALREADY_OPENED',
  /** The actor's role never acts on activations (policy admin, privacy officer, agency system). */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  /** Opening for a lead agency other than one's own, without being the region's coordinator. */
  NOT_LEAD_AGENCY = 'NOT_LEAD_AGENCY',
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  /** Filing the report, closing, reopening and transferring the lead belong to the lead agency and the region's coordinator. */
  NOT_CASE_AUTHORITY = 'NOT_CASE_AUTHORITY',
  NOT_INVITED = 'NOT_INVITED',
  LEAD_AGENCY_CANNOT_LEAVE = 'LEAD_AGENCY_CANNOT_LEAVE',
  /** An agency named in the command (inspection team, integrated deployment) does not participate. */
  AGENCY_NOT_PARTICIPATING = 'AGENCY_NOT_PARTICIPATING',
  ACTIVATION_CLOSED = 'ACTIVATION_CLOSED',
  ACTIVATION_NOT_CLOSED = 'ACTIVATION_NOT_CLOSED',
  REPORT_REQUIRED = 'REPORT_REQUIRED',
  INSPECTIONS_OUTSTANDING = 'INSPECTIONS_OUTSTANDING',
  /** A repressive activation without a confirmed infection to name, or naming evidence that is none. */
  CONFIRMED_INFECTION_REQUIRED = 'CONFIRMED_INFECTION_REQUIRED',
  /** A preventive activation opened with a signal that already reports a confirmed infection. */
  KIND_CONFLICT = 'KIND_CONFLICT',
  ALREADY_REPRESSIVE = 'ALREADY_REPRESSIVE',
  DUPLICATE_ID = 'DUPLICATE_ID',
  SIGNAL_NOT_FOUND = 'SIGNAL_NOT_FOUND',
  FINDING_NOT_FOUND = 'FINDING_NOT_FOUND',
  INSPECTION_NOT_FOUND = 'INSPECTION_NOT_FOUND',
  INSPECTION_ALREADY_COMPLETED = 'INSPECTION_ALREADY_COMPLETED',
  INSPECTION_CANCELLED = 'INSPECTION_CANCELLED',
  EMPLOYER_REQUIRED = 'EMPLOYER_REQUIRED',
  /** Free text not classified PERSONAL names a person (a BSN, or a person the activation records). */
  PERSONAL_DATA_IN_TEXT = 'PERSONAL_DATA_IN_TEXT',
  LOCATION_REQUIRED = 'LOCATION_REQUIRED',
  /** A subject id recorded with another BSN, or a BSN recorded under another subject id, in the activation. */
  SUBJECT_CONFLICT = 'SUBJECT_CONFLICT',
  /**
   * A correction of a signal or finding the actor's agency did not record, or that does not exist: one
   * answer for both, so asking tells nobody of an entry it may not see.
   */
  ENTRY_NOT_FOUND = 'ENTRY_NOT_FOUND',
  ENTRY_WITHDRAWN = 'ENTRY_WITHDRAWN',
  /** A subject correction names a person the entry does not record. */
  SUBJECT_NOT_FOUND = 'SUBJECT_NOT_FOUND',
  /** A correction of the location, employer or region by someone the rule does not name. */
  NOT_CORRECTION_AUTHORITY = 'NOT_CORRECTION_AUTHORITY',
  NOTHING_TO_CORRECT = 'NOTHING_TO_CORRECT',
}

export type ActivationError = DomainError<ActivationErrorCode>;

/**
 * The one answer for an activation that does not exist and one the reader may not see, on the write side
 * and the read side alike: telling the two apart would tell an outsider that a case exists.
 */
export function activationNotVisibleMessage(activationId: string): string {
  return `Your agency sees no activation ${JSON.stringify(String(activationId))}; check the id, or ask a participating agency to invite yours.`;
}
