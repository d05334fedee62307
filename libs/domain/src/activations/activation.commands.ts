import { Actor } from '../shared/actor.value.js';
import {
  ActivationKind,
  ActivationTrigger,
  FindingCategory,
  InfectionEvidence,
  InterventionType,
  SignalSourceKind,
  Theme,
} from './activation.vocabulary.js';

/*
 * Commands carry raw input as the API received it: codes are plain strings and the decider parses them,
 * because the domain must hold its rules even when a caller skips validation. Ids of the things a command
 * creates are chosen by the caller, so a retried command creates the same thing; `now` is the caller's
 * clock, since the domain has none, and becomes the events' occurred-at.
 */
interface CommandBase {
  readonly actor: Actor;
  /** ISO 8601 with an offset. */
  readonly now: string;
  readonly activationId: string;
}

export interface LocationInput {
  readonly address: string;
  readonly postcode?: string;
  readonly city: string;
}

export interface CompanyInput {
  readonly name: string;
  readonly kvkNumber?: string;
}

export interface EmployerInput extends CompanyInput {
  readonly staffingAgency?: CompanyInput;
}

/** A person, known by name, BSN or both; `subjectId` names the same person everywhere in the activation. */
export interface SubjectInput {
  readonly subjectId: string;
  readonly name?: string;
  readonly bsn?: string;
  /** YYYY-MM-DD. */
  readonly birthDate?: string;
  /** ISO 3166-1 alpha-2. */
  readonly nationality?: string;
}

export interface SignalSourceInput {
  readonly kind: SignalSourceKind;
  readonly agency?: string;
  readonly name?: string;
}

export interface SignalInput {
  readonly signalId: string;
  readonly source: SignalSourceInput;
  readonly description: string;
  readonly subjects?: readonly SubjectInput[];
  readonly confirmedInfection?: boolean;
  readonly healthDetail?: string;
}

export interface MonetaryAmountInput {
  readonly label: string;
  readonly euroCents: number;
}

export interface OpenActivation extends CommandBase {
  readonly type: 'OpenActivation';
  readonly kind: ActivationKind;
  readonly trigger: ActivationTrigger;
  readonly themes: readonly Theme[];
  readonly region: string;
  readonly municipality: string;
  readonly leadAgency: string;
  readonly location?: LocationInput;
  readonly employer?: EmployerInput;
  /** Required for a REPRESSIVE activation, and then it must report a confirmed infection. */
  readonly initialSignal?: SignalInput;
}

export interface RecordSignal extends CommandBase, SignalInput {
  readonly type: 'RecordSignal';
}

export interface InviteAgency extends CommandBase {
  readonly type: 'InviteAgency';
  readonly agency: string;
}

/** The actor's own agency joins. */
export interface JoinActivation extends CommandBase {
  readonly type: 'JoinActivation';
}

/** The actor's own agency leaves. */
export interface LeaveActivation extends CommandBase {
  readonly type: 'LeaveActivation';
  readonly reason?: string;
}

/** Turns a preventive activation repressive, naming the confirmed infection that caused it. */
export interface EscalateActivation extends CommandBase {
  readonly type: 'EscalateActivation';
  readonly triggeredBy: InfectionEvidence;
}

export interface ScheduleInspection extends CommandBase {
  readonly type: 'ScheduleInspection';
  readonly inspectionId: string;
  /** ISO 8601 with an offset. */
  readonly plannedAt: string;
  readonly location: LocationInput;
  /** Participating agencies that take part; the actor's agency when left out. */
  readonly agencies?: readonly string[];
}

export interface CompleteInspection extends CommandBase {
  readonly type: 'CompleteInspection';
  readonly inspectionId: string;
  readonly outcomeSummary: string;
}

export interface CancelInspection extends CommandBase {
  readonly type: 'CancelInspection';
  readonly inspectionId: string;
  readonly reason: string;
}

export interface RecordFinding extends CommandBase {
  readonly type: 'RecordFinding';
  readonly findingId: string;
  readonly category: FindingCategory;
  readonly description: string;
  readonly inspectionId?: string;
  readonly subjects?: readonly SubjectInput[];
  readonly amounts?: readonly MonetaryAmountInput[];
  readonly confirmedInfection?: boolean;
}

export interface ImposeIntervention extends CommandBase {
  readonly type: 'ImposeIntervention';
  readonly interventionId: string;
  readonly interventionType: InterventionType;
  readonly description: string;
  /** The employer the measure is addressed to; the activation's employer when left out. */
  readonly addressee?: EmployerInput;
  /** Required for FINE, refused otherwise. */
  readonly amountEuroCents?: number;
  readonly legalBasis?: string;
  /** Where the measure applies; for CLOSURE the activation's location when left out. */
  readonly location?: LocationInput;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
}

export interface MakeReferral extends CommandBase {
  readonly type: 'MakeReferral';
  readonly referralId: string;
  readonly toAgency: string;
  readonly reason: string;
  readonly inspectionId?: string;
  readonly findingIds?: readonly string[];
}

export interface DecideIntegratedDeployment extends CommandBase {
  readonly type: 'DecideIntegratedDeployment';
  readonly integrated: boolean;
  /** At least two participating agencies when integrated; empty otherwise. */
  readonly agencies: readonly string[];
  readonly rationale: string;
}

export interface FileReport extends CommandBase {
  readonly type: 'FileReport';
  readonly reportId: string;
  readonly summary: string;
  readonly outcome: string;
}

export interface CloseActivation extends CommandBase {
  readonly type: 'CloseActivation';
  readonly outcome: string;
}

export interface ReopenActivation extends CommandBase {
  readonly type: 'ReopenActivation';
  readonly reason: string;
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
  | CloseActivation
  | ReopenActivation;

export type ActivationCommandType = ActivationCommand['type'];
