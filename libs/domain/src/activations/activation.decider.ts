import { Role } from '../shared/actor.value.js';
import { parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decider, Decision, foldEvents, Prepared, prepareThenDecide } from '../shared/decider.js';
import { attempt, decided } from '../shared/rejection.js';
import { RegionalCoordination, SAFETY_REGIONS_COORDINATE } from '../shared/regional-coordination.value.js';
import { ActivationContext } from './activation-context.js';
import { ActivationCommand, ActivationCommandOf, ActivationCommandType } from './activation.commands.js';
import { parseActivationCommand } from './activation-command.parser.js';
import { ActivationError, ActivationErrorCode } from './activation.errors.js';
import { ActivationEvent } from './activation.events.js';
import {
  ActivationState,
  evolveActivation,
  initialActivationState,
  OpenedActivation,
} from './activation.state.js';
import { requireOpened, requireVisible } from './decide/activation.guards.js';
import { close, escalate, open, proposeClosing, reopen, transferLead } from './decide/lifecycle.decider.js';
import { decideIntegratedDeployment, decline, invite, join, leave } from './decide/participation.decider.js';
import { recordFinding, recordSignal } from './decide/observations.decider.js';
import { cancelInspection, completeInspection, scheduleInspection } from './decide/inspections.decider.js';
import { imposeIntervention, makeReferral } from './decide/measures.decider.js';
import { attachDocument, fileReport } from './decide/reports.decider.js';
import {
  correctEmployer,
  correctFinding,
  correctLocation,
  correctRegion,
  correctSubject,
  withdrawEntry,
} from './decide/corrections.decider.js';

export type ActivationDecision = Decision<ActivationEvent, ActivationError>;

/** Roles that work cases; policy admins and privacy officers read no case data, agency systems only receive feeds. */
const CASE_ROLES: readonly Role[] = [Role.INSPECTOR, Role.COORDINATOR];

type OnOpened<T extends ActivationCommandType> = (
  command: ActivationCommandOf<T>,
  activation: OpenedActivation,
  context: ActivationContext,
) => ActivationEvent[];

/** Each command on an existing activation and the sub-decider that judges it. */
const ON_OPENED: { readonly [T in Exclude<ActivationCommandType, 'OpenActivation'>]: OnOpened<T> } = {
  RecordSignal: recordSignal,
  InviteAgency: invite,
  JoinActivation: join,
  LeaveActivation: leave,
  EscalateActivation: escalate,
  ScheduleInspection: scheduleInspection,
  CompleteInspection: completeInspection,
  CancelInspection: cancelInspection,
  RecordFinding: recordFinding,
  ImposeIntervention: imposeIntervention,
  MakeReferral: makeReferral,
  DecideIntegratedDeployment: decideIntegratedDeployment,
  FileReport: fileReport,
  AttachDocument: attachDocument,
  CloseActivation: close,
  ReopenActivation: reopen,
  TransferLead: transferLead,
  ProposeClosing: proposeClosing,
  DeclineInvitation: decline,
  CorrectSubject: correctSubject,
  CorrectFinding: correctFinding,
  WithdrawEntry: withdrawEntry,
  CorrectLocation: correctLocation,
  CorrectEmployer: correctEmployer,
  CorrectRegion: correctRegion,
};

/**
 * Checks a command as it arrived: first who sends it and when (a role that never acts on activations
 * learns nothing more), then its fields. Nothing here reads the activation, so a refusal says nothing
 * about whether it exists.
 */
export function prepareActivationCommand(
  input: unknown,
  context: RawCommandContext,
  coordination: RegionalCoordination = SAFETY_REGIONS_COORDINATE,
): Prepared<ActivationCommand, ActivationContext, ActivationError> {
  return attempt(() => {
    const checked = parseCommandContext(context, CASE_ROLES, {
      code: ActivationErrorCode.ROLE_NOT_ALLOWED,
      message: (role) =>
        `The role ${role} cannot act on activations; sign in as an inspector or coordinator.`,
    });
    return {
      command: parseActivationCommand(withDefaultLead(input, checked.actor.agency), checked.now),
      context: { ...checked, coordination },
    };
  });
}

/**
 * An activation opened without a lead agency is led by the opener's agency: the only lead an inspector may
 * name anyway (a coordinator names another one explicitly).
 */
function withDefaultLead(input: unknown, agency: string): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const raw = input as Record<string, unknown>;
  if (raw.type !== 'OpenActivation' || (raw.leadAgency !== undefined && raw.leadAgency !== null))
    return input;
  return { ...raw, leadAgency: agency };
}

/**
 * Whether the actor may act on the stream at all, before anything else about it is said (its version
 * included): an activation it may not see is refused exactly as one that does not exist.
 */
export function admitActivationCommand(
  command: ActivationCommand,
  state: ActivationState,
  context: ActivationContext,
): ActivationError | undefined {
  if (command.type === 'OpenActivation') return undefined;
  const admitted = decided(() => {
    requireVisible(requireOpened(state, command.activationId), context);
    return [];
  });
  return admitted.ok ? undefined : (admitted.error as ActivationError);
}

/*
 * Judges a parsed command against the activation: whether it exists and the actor may see it (both
 * answered alike), whether the actor may act on it, whether it is closed, and then the rules that depend
 * on its history.
 */
export function decideActivation(
  command: ActivationCommand,
  state: ActivationState,
  context: ActivationContext,
): ActivationDecision {
  return decided(() => {
    if (command.type === 'OpenActivation') return open(command, state, context);
    const activation = requireOpened(state, command.activationId);
    requireVisible(activation, context);
    const decide = ON_OPENED[command.type] as OnOpened<typeof command.type>;
    return decide(command, activation, context);
  });
}

/** Prepares and decides in one step: what a command as it arrived leads to. */
export const handleActivationCommand = prepareThenDecide(prepareActivationCommand, decideActivation);

export function foldActivation(events: readonly ActivationEvent[]): ActivationState {
  return foldEvents(activationDecider, events);
}

export const activationDecider: Decider<
  ActivationCommand,
  ActivationEvent,
  ActivationState,
  ActivationError,
  ActivationContext
> = {
  initialState: initialActivationState,
  decide: decideActivation,
  evolve: evolveActivation,
};
