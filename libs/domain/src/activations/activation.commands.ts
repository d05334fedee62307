import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { EuroCents } from '../shared/euro-cents.value.js';
import { Instant } from '../shared/instant.value.js';
import { MunicipalityCode } from '../shared/municipality-code.value.js';
import { Narrative } from '../shared/narrative.value.js';
import { Raw } from '../shared/raw.js';
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
import { CorrectableEntryKind } from './activation.events.js';

/*
 * The activation commands as the decider receives them: parsed (codes branded, text trimmed, lists
 * distinct), carrying only what was asked for. Who asks and when travel apart, in the CommandContext.
 * Ids of the things a command creates are chosen by the caller, so a retried command creates the same
 * thing. A command arrives as `Raw<…>` of these (plain JSON) and is parsed by parseActivationCommand.
 */
interface OnActivation {
  readonly activationId: string;
}

export interface SignalFields {
  readonly signalId: string;
  readonly source: SignalSource;
  readonly description: Narrative;
  readonly subjects?: readonly Subject[];
  readonly confirmedInfection?: boolean;
  readonly healthDetail?: Narrative;
}

export interface OpenActivation extends OnActivation {
  readonly type: 'OpenActivation';
  /** What the case is about, in a line; free text, classified like any narrative. */
  readonly title: Narrative;
  readonly kind: ActivationKind;
  readonly trigger: ActivationTrigger;
  readonly themes: readonly Theme[];
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly leadAgency: AgencyCode;
  readonly location?: Location;
  readonly employer?: Employer;
  /** Required for a REPRESSIVE activation, and then it must report a confirmed infection. */
  readonly initialSignal?: SignalFields;
}

export interface RecordSignal extends OnActivation, SignalFields {
  readonly type: 'RecordSignal';
}

export interface InviteAgency extends OnActivation {
  readonly type: 'InviteAgency';
  readonly agency: AgencyCode;
  /** Why the agency is asked to join: what the invited agency reads in its inbox. */
  readonly reason?: Narrative;
}

/** The actor's own agency declines an invitation, with the reason the inviter reads. */
export interface DeclineInvitation extends OnActivation {
  readonly type: 'DeclineInvitation';
  readonly reason: Narrative;
}

/** The actor's own agency joins. */
export interface JoinActivation extends OnActivation {
  readonly type: 'JoinActivation';
}

/** The actor's own agency leaves. */
export interface LeaveActivation extends OnActivation {
  readonly type: 'LeaveActivation';
  readonly reason?: Narrative;
}

/** Turns a preventive activation repressive, naming the confirmed infection that caused it. */
export interface EscalateActivation extends OnActivation {
  readonly type: 'EscalateActivation';
  readonly triggeredBy: InfectionEvidence;
}

export interface ScheduleInspection extends OnActivation {
  readonly type: 'ScheduleInspection';
  readonly inspectionId: string;
  readonly plannedAt: Instant;
  readonly location: Location;
  /** Participating agencies that take part; the actor's agency when left out. */
  readonly agencies?: readonly AgencyCode[];
}

export interface CompleteInspection extends OnActivation {
  readonly type: 'CompleteInspection';
  readonly inspectionId: string;
  readonly outcomeSummary: Narrative;
}

export interface CancelInspection extends OnActivation {
  readonly type: 'CancelInspection';
  readonly inspectionId: string;
  readonly reason: Narrative;
}

export interface RecordFinding extends OnActivation {
  readonly type: 'RecordFinding';
  readonly findingId: string;
  readonly category: FindingCategory;
  readonly description: Narrative;
  readonly inspectionId?: string;
  readonly subjects?: readonly Subject[];
  readonly amounts?: readonly MonetaryAmount[];
  readonly confirmedInfection?: boolean;
}

export interface ImposeIntervention extends OnActivation {
  readonly type: 'ImposeIntervention';
  readonly interventionId: string;
  readonly interventionType: InterventionType;
  readonly description: Narrative;
  /** The employer the measure is addressed to; the activation's employer when left out. */
  readonly addressee?: Employer;
  /** Set exactly for a FINE (the parser refuses it otherwise, and a fine without it). */
  readonly amountEuroCents?: EuroCents;
  readonly legalBasis?: string;
  /** Where the measure applies; for CLOSURE the activation's location when left out. */
  readonly location?: Location;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
}

export interface MakeReferral extends OnActivation {
  readonly type: 'MakeReferral';
  readonly referralId: string;
  readonly toAgency: AgencyCode;
  readonly reason: Narrative;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
}

export interface DecideIntegratedDeployment extends OnActivation {
  readonly type: 'DecideIntegratedDeployment';
  readonly integrated: boolean;
  /** At least two participating agencies when integrated; empty otherwise. */
  readonly agencies: readonly AgencyCode[];
  readonly rationale: Narrative;
}

export interface FileReport extends OnActivation {
  readonly type: 'FileReport';
  readonly reportId: string;
  readonly summary: Narrative;
  readonly outcome: Narrative;
}

/**
 * A document (a photo, the proces-verbaal as PDF) already uploaded is added to the activation. The api
 * fills in what the stored upload says of its bytes (content type, size, SHA-256); the caller gives the
 * title and the categories the document contains, which its title carries too.
 */
export interface AttachDocument extends OnActivation {
  readonly type: 'AttachDocument';
  /** The upload's id: one upload is one attachment. */
  readonly attachmentId: string;
  readonly title: Narrative;
  /** What the document contains: only an agency holding every one of them may download it. */
  readonly categories: readonly DataCategory[];
  readonly contentType: string;
  readonly byteLength: number;
  /** Hex SHA-256 of the bytes, computed by the api while they streamed in. */
  readonly sha256: string;
}

export interface CloseActivation extends OnActivation {
  readonly type: 'CloseActivation';
  readonly outcome: Narrative;
}

export interface ReopenActivation extends OnActivation {
  readonly type: 'ReopenActivation';
  readonly reason: Narrative;
}

/** The lead passes to another participating agency; only the lead and the region's coordinator decide that. */
export interface TransferLead extends OnActivation {
  readonly type: 'TransferLead';
  readonly toAgency: AgencyCode;
  readonly reason?: Narrative;
}

/** A participant that may not close the activation asks the lead and the coordinator to close it. */
export interface ProposeClosing extends OnActivation {
  readonly type: 'ProposeClosing';
  readonly reason: Narrative;
}

/*
 * Corrections (AVG art. 16), each with a required reason. Entries (signals, findings) are corrected by
 * the agency that recorded them; the activation's location by the agency that recorded it (its first
 * lead) or the lead; its employer by the agency that recorded it; region and municipality by the
 * coordinator of the region it lies in.
 */
export interface CorrectSubject extends OnActivation {
  readonly type: 'CorrectSubject';
  readonly entryKind: CorrectableEntryKind;
  readonly entryId: string;
  /** The person as they should have been recorded; its subjectId names the person in the entry. */
  readonly subject: Subject;
  readonly reason: Narrative;
}

export interface CorrectFinding extends OnActivation {
  readonly type: 'CorrectFinding';
  readonly findingId: string;
  readonly description?: Narrative;
  readonly amounts?: readonly MonetaryAmount[];
  readonly reason: Narrative;
}

/** The entry was recorded on the wrong activation (misfiled): it stands withdrawn here. */
export interface WithdrawEntry extends OnActivation {
  readonly type: 'WithdrawEntry';
  readonly entryKind: CorrectableEntryKind;
  readonly entryId: string;
  readonly reason: Narrative;
}

export interface CorrectLocation extends OnActivation {
  readonly type: 'CorrectLocation';
  readonly location: Location;
  readonly reason: Narrative;
}

export interface CorrectEmployer extends OnActivation {
  readonly type: 'CorrectEmployer';
  readonly employer: Employer;
  readonly reason: Narrative;
}

export interface CorrectRegion extends OnActivation {
  readonly type: 'CorrectRegion';
  readonly region: SafetyRegion;
  readonly municipality: MunicipalityCode;
  readonly reason: Narrative;
}

export type ActivationCommand =
  | OpenActivation
  | RecordSignal
  | InviteAgency
  | JoinActivation
  | LeaveActivation
  | EscalateActivation
  | ScheduleInspection
  | CompleteInspection
  | CancelInspection
  | RecordFinding
  | ImposeIntervention
  | MakeReferral
  | DecideIntegratedDeployment
  | FileReport
  | AttachDocument
  | CloseActivation
  | ReopenActivation
  | TransferLead
  | ProposeClosing
  | DeclineInvitation
  | CorrectSubject
  | CorrectFinding
  | WithdrawEntry
  | CorrectLocation
  | CorrectEmployer
  | CorrectRegion;

export type ActivationCommandType = ActivationCommand['type'];

export type ActivationCommandOf<T extends ActivationCommandType> = Extract<ActivationCommand, { type: T }>;

/** A command as it arrives (plain JSON), before parseActivationCommand. */
export type RawActivationCommand = Raw<ActivationCommand>;
