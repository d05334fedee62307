import type { PersonalDataErasedData } from '../erasures/personal-data-erased.event.js';
import { CaseNumber } from '../shared/case-number.value.js';
import { AgencyCode } from '../shared/agency-code.value.js';
import { EuroCents } from '../shared/euro-cents.value.js';
import { Instant } from '../shared/instant.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { MunicipalityCode } from '../shared/municipality-code.value.js';
import { Narrative } from '../shared/narrative.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';
import {
  ActivationKind,
  ActivationTrigger,
  Employer,
  FindingCategory,
  InfectionEvidence,
  InterventionType,
  Location,
  MonetaryAmount,
  SignalSource,
  Subject,
  Theme,
} from './activation.vocabulary.js';

/*
 * Event data is the fact as decided, in plain JSON: strings, numbers, booleans, arrays and objects, with
 * optional fields left out rather than set to null. When and by whom the event happened travels in the
 * envelope (occurred-at = the command's `now`, actor), not here, unless the domain itself needs the agency
 * (who imposed a fine matters in law; who sent a letter of invitation does not).
 */

export interface ActivationOpenedData {
  readonly activationId: string;
  /** What the case is about; absent only in events written before titles (upcast with a default). */
  readonly title: Narrative;
  /** The human case number, handed out at opening; see CaseNumber. */
  readonly caseNumber?: CaseNumber;
  readonly kind: ActivationKind;
  readonly trigger: ActivationTrigger;
  readonly themes: readonly Theme[];
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly leadAgency: AgencyCode;
  readonly location?: Location;
  readonly employer?: Employer;
  /** Set exactly when kind is REPRESSIVE: the signal recorded together with this event. */
  readonly triggeredBy?: InfectionEvidence;
}

export interface SignalRecordedData {
  readonly signalId: string;
  readonly recordedBy: AgencyCode;
  readonly source: SignalSource;
  readonly description: Narrative;
  readonly subjects?: readonly Subject[];
  readonly confirmedInfection?: boolean;
  readonly healthDetail?: Narrative;
}

export interface AgencyInvitedData {
  readonly agency: AgencyCode;
  readonly invitedBy: AgencyCode;
  readonly reason?: Narrative;
}

export interface InvitationDeclinedData {
  readonly agency: AgencyCode;
  readonly reason: Narrative;
}

export interface AgencyJoinedData {
  readonly agency: AgencyCode;
}

export interface AgencyLeftData {
  readonly agency: AgencyCode;
  readonly reason?: Narrative;
}

export interface ActivationEscalatedData {
  readonly kind: ActivationKind.REPRESSIVE;
  readonly triggeredBy: InfectionEvidence;
}

export interface InspectionScheduledData {
  readonly inspectionId: string;
  readonly plannedAt: Instant;
  readonly location: Location;
  /** The participating agencies that take part in the inspection. */
  readonly agencies: readonly AgencyCode[];
}

export interface InspectionCompletedData {
  readonly inspectionId: string;
  readonly outcomeSummary: Narrative;
}

export interface InspectionCancelledData {
  readonly inspectionId: string;
  readonly reason: Narrative;
}

export interface FindingRecordedData {
  readonly findingId: string;
  readonly category: FindingCategory;
  readonly description: Narrative;
  readonly recordedBy: AgencyCode;
  readonly inspectionId?: string;
  readonly subjects?: readonly Subject[];
  /** Only on INCOME, BENEFITS and TAX findings. */
  readonly amounts?: readonly MonetaryAmount[];
  /** Only on HEALTH findings. */
  readonly confirmedInfection?: boolean;
}

export interface InterventionImposedData {
  readonly interventionId: string;
  readonly interventionType: InterventionType;
  readonly imposedBy: AgencyCode;
  readonly addressee: Employer;
  readonly description: Narrative;
  /** The fine, set exactly when interventionType is FINE. */
  readonly amountEuroCents?: EuroCents;
  readonly legalBasis?: string;
  /** Where the measure applies; always set for CLOSURE. */
  readonly location?: Location;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
  /**
   * The categories of the findings named in findingIds, set with them: a reference carries the
   * category of what it points to, so only an agency that may see those findings sees which they are.
   */
  readonly findingCategories?: readonly DataCategory[];
}

export interface ReferralMadeData {
  readonly referralId: string;
  readonly fromAgency: AgencyCode;
  readonly toAgency: AgencyCode;
  readonly reason: Narrative;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
  /** The categories of the findings named in findingIds, as for interventions. */
  readonly findingCategories?: readonly DataCategory[];
}

export interface IntegratedDeploymentDecidedData {
  readonly integrated: boolean;
  /** The agencies that act jointly; empty when the decision is against integrated deployment. */
  readonly agencies: readonly AgencyCode[];
  readonly rationale: Narrative;
}

export interface ReportFiledData {
  readonly reportId: string;
  readonly filedBy: AgencyCode;
  readonly summary: Narrative;
  readonly outcome: Narrative;
}

/** A document was added to the activation; its bytes stay in the attachment store, under its id. */
export interface DocumentAttachedData {
  readonly attachmentId: string;
  readonly attachedBy: AgencyCode;
  /** Carries the document's categories: a title says what the document says. */
  readonly title: Narrative;
  readonly contentType: string;
  readonly byteLength: number;
  readonly sha256: string;
  /** The categories the document contains, as its author declared them (or the default, see the api). */
  readonly categories: readonly DataCategory[];
}

export interface ActivationClosedData {
  readonly outcome: Narrative;
}

export interface ActivationReopenedData {
  readonly reason: Narrative;
}

/** A case number given to an activation opened before case numbers existed (by the upgrade). */
export interface ActivationNumberedData {
  readonly caseNumber: CaseNumber;
}

export interface LeadTransferredData {
  readonly fromAgency: AgencyCode;
  readonly toAgency: AgencyCode;
  readonly reason?: Narrative;
}

export interface ClosingProposedData {
  readonly proposedBy: AgencyCode;
  readonly reason: Narrative;
}

/*
 * Corrections (AVG art. 16): a wrong entry is never edited; a correction event says what it should have
 * said, with the reason, and the original stays in the store. Each carries what it corrects as that was
 * classified (the entry's category, the categories its persons were seen under), so an agency that could
 * not see the original cannot see its correction either.
 */

/** Which entry a correction is about: a signal (CASE) or a finding (of its own category). */
export type CorrectableEntryKind = 'SIGNAL' | 'FINDING';

export interface SubjectCorrectedData {
  readonly entryKind: CorrectableEntryKind;
  readonly entryId: string;
  /** The primary category of the entry: CASE for a signal, the finding's category for a finding. */
  readonly entryCategory: DataCategory;
  /** The categories the entry's persons are seen under (PERSONAL, and what the entry links them to). */
  readonly subjectCategories: readonly DataCategory[];
  /** The person as they should have been recorded: replaces the entry's person with this subjectId. */
  readonly subject: Subject;
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

export interface FindingCorrectedData {
  readonly findingId: string;
  /** The finding's category, unchanged: a finding in the wrong category is withdrawn and recorded anew. */
  readonly category: FindingCategory;
  readonly description?: Narrative;
  readonly amounts?: readonly MonetaryAmount[];
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

/** An entry recorded on the wrong activation: it stands withdrawn here (misfiled). */
export interface EntryWithdrawnData {
  readonly entryKind: CorrectableEntryKind;
  readonly entryId: string;
  readonly entryCategory: DataCategory;
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

export interface LocationCorrectedData {
  readonly location: Location;
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

export interface EmployerCorrectedData {
  readonly employer: Employer;
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

/** The case lay in the wrong region or municipality: it moves to the right region's coordinators. */
export interface RegionCorrectedData {
  readonly fromRegion: SafetyRegion;
  readonly fromMunicipality: MunicipalityCode;
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly correctedBy: AgencyCode;
  readonly reason: Narrative;
}

/** Wire name → payload. The wire names are stable: renaming one is a breaking change for every feed consumer. */
export interface ActivationEventDataMap {
  'activation.opened': ActivationOpenedData;
  'signal.recorded': SignalRecordedData;
  'agency.invited': AgencyInvitedData;
  'agency.joined': AgencyJoinedData;
  'agency.left': AgencyLeftData;
  'activation.escalated': ActivationEscalatedData;
  'inspection.scheduled': InspectionScheduledData;
  'inspection.completed': InspectionCompletedData;
  'inspection.cancelled': InspectionCancelledData;
  'finding.recorded': FindingRecordedData;
  'intervention.imposed': InterventionImposedData;
  'referral.made': ReferralMadeData;
  'integrated-deployment.decided': IntegratedDeploymentDecidedData;
  'report.filed': ReportFiledData;
  'document.attached': DocumentAttachedData;
  'activation.closed': ActivationClosedData;
  'activation.reopened': ActivationReopenedData;
  'lead.transferred': LeadTransferredData;
  'closing.proposed': ClosingProposedData;
  'activation.numbered': ActivationNumberedData;
  'invitation.declined': InvitationDeclinedData;
  'subject.corrected': SubjectCorrectedData;
  'finding.corrected': FindingCorrectedData;
  'entry.withdrawn': EntryWithdrawnData;
  'location.corrected': LocationCorrectedData;
  'employer.corrected': EmployerCorrectedData;
  'region.corrected': RegionCorrectedData;
  'personal-data.erased': PersonalDataErasedData;
}

export type ActivationEventType = keyof ActivationEventDataMap;

export type ActivationEventOf<T extends ActivationEventType> = {
  readonly type: T;
  readonly data: ActivationEventDataMap[T];
};

export type ActivationEvent = { [T in ActivationEventType]: ActivationEventOf<T> }[ActivationEventType];

/** Every wire name, in the order of a typical activation's life. */
export const ACTIVATION_EVENT_TYPES: readonly ActivationEventType[] = Object.keys({
  'activation.opened': true,
  'signal.recorded': true,
  'agency.invited': true,
  'agency.joined': true,
  'agency.left': true,
  'activation.escalated': true,
  'inspection.scheduled': true,
  'inspection.completed': true,
  'inspection.cancelled': true,
  'finding.recorded': true,
  'intervention.imposed': true,
  'referral.made': true,
  'integrated-deployment.decided': true,
  'report.filed': true,
  'document.attached': true,
  'activation.closed': true,
  'activation.reopened': true,
  'lead.transferred': true,
  'closing.proposed': true,
  'activation.numbered': true,
  'invitation.declined': true,
  'subject.corrected': true,
  'finding.corrected': true,
  'entry.withdrawn': true,
  'location.corrected': true,
  'employer.corrected': true,
  'region.corrected': true,
  'personal-data.erased': true,
} satisfies Record<ActivationEventType, true>) as ActivationEventType[];

export function isActivationEventType(value: unknown): value is ActivationEventType {
  return typeof value === 'string' && (ACTIVATION_EVENT_TYPES as readonly string[]).includes(value);
}
