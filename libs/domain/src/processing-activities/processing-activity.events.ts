import { AgencyCode } from '../shared/agency-code.value.js';
import { LegalBasis } from '../agreements/agreement.events.js';
import { SelectionListCategory } from '../retention/archive-decision.js';

/*
 * The register of processing activities (AVG art. 30): one stream per activity, kept by the policy admins
 * of its controllers under the same four-eyes rule as agreements. An entry takes effect (and gets its
 * next version) only when a policy admin of another controller approves what one proposed.
 */

/** What a register entry says; its version counts the approved states of these terms (1, 2, …). */
export interface ProcessingActivityTerms {
  readonly name: string;
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  /** The (joint) controllers, distinct and sorted; at least two, so that two organisations can decide. */
  readonly controllers: readonly AgencyCode[];
  /** How long records of this processing are kept, as an ISO 8601 period in years, months or days (P5Y). */
  readonly retention: string;
  /**
   * The category of the selection list (Archiefwet) the records of this processing fall under: whether a
   * closed activation is kept for good or destroyed, and after which term (for DESTROY always stated).
   * Absent in entries registered before archive decisions (issue 19): their activations get none.
   */
  readonly selectionListCategory?: SelectionListCategory;
}

export interface ProcessingActivityProposedData extends ProcessingActivityTerms {
  readonly activityId: string;
  readonly proposedBy: string;
  readonly proposerAgency: AgencyCode;
  readonly reason?: string;
}

export interface ProcessingActivityChangeProposedData extends ProcessingActivityTerms {
  readonly proposedBy: string;
  readonly proposerAgency: AgencyCode;
  readonly reason: string;
}

/** The pending terms approved: in the register from now on, as `version`. */
export interface ProcessingActivityApprovedData extends ProcessingActivityTerms {
  readonly version: number;
  readonly approvedBy: string;
  readonly approverAgency: AgencyCode;
  readonly reason: string;
}

export interface ProcessingActivityRejectedData {
  readonly rejectedBy: string;
  readonly rejecterAgency: AgencyCode;
  readonly reason: string;
}

export interface ProcessingActivityEventDataMap {
  'processing-activity.proposed': ProcessingActivityProposedData;
  'processing-activity.change-proposed': ProcessingActivityChangeProposedData;
  'processing-activity.approved': ProcessingActivityApprovedData;
  'processing-activity.rejected': ProcessingActivityRejectedData;
}

export type ProcessingActivityEventType = keyof ProcessingActivityEventDataMap;

export type ProcessingActivityEvent = {
  [T in ProcessingActivityEventType]: { readonly type: T; readonly data: ProcessingActivityEventDataMap[T] };
}[ProcessingActivityEventType];

export const PROCESSING_ACTIVITY_EVENT_TYPES: readonly ProcessingActivityEventType[] = Object.keys({
  'processing-activity.proposed': true,
  'processing-activity.change-proposed': true,
  'processing-activity.approved': true,
  'processing-activity.rejected': true,
} satisfies Record<ProcessingActivityEventType, true>) as ProcessingActivityEventType[];

export function isProcessingActivityEventType(value: unknown): value is ProcessingActivityEventType {
  return typeof value === 'string' && (PROCESSING_ACTIVITY_EVENT_TYPES as readonly string[]).includes(value);
}
