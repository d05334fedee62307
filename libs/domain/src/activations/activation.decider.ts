import { Role } from '../shared/actor.value.js';
import { CommandContext, parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decider, Decision, foldEvents, Prepared, prepareThenDecide } from '../shared/decider.js';
import { attempt, decided } from '../shared/rejection.js';
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
import { requireOpened } from './decide/activation.guards.js';
import { close, escalate, open, reopen } from './decide/lifecycle.decider.js';
import { decideIntegratedDeployment, invite, join, leave } from './decide/participation.decider.js';
import { recordFinding, recordSignal } from './decide/observations.decider.js';
import { cancelInspection, completeInspection, scheduleInspection } from './decide/inspections.decider.js';
import { imposeIntervention, makeReferral } from './decide/measures.decider.js';
import { fileReport } from './decide/reports.decider.js';

export type ActivationDecision = Decision<ActivationEvent, ActivationError>;

/** Roles that work cases; policy admins and privacy officers read no case data, agency systems only receive feeds. */
const CASE_ROLES: readonly Role[] = [Role.INSPECTOR, Role.COORDINATOR];

type OnOpened<T extends ActivationCommandType> = (
  command: ActivationCommandOf<T>,
  activation: OpenedActivation,
  context: CommandContext,
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
  CloseActivation: close,
  ReopenActivation: reopen,
};

/**
 * Checks a command as it arrived: first who sends it and when (a role that never acts on activations
 * learns nothing more), then its fields. Nothing here reads the activation, so a refusal says nothing
 * about whether it exists.
 */
export function prepareActivationCommand(
  input: unknown,
  context: RawCommandContext,
): Prepared<ActivationCommand, CommandContext, ActivationError> {
  return attempt(() => {
    const checked = parseCommandContext(context, CASE_ROLES, {
      code: ActivationErrorCode.ROLE_NOT_ALLOWED,
      message: (role) =>
        `The role ${role} cannot act on activations; sign in as an inspector or coordinator.`,
    });
    return { command: parseActivationCommand(input, checked.now), context: checked };
  });
}

/*
 * Judges a parsed command against the activation: whether it exists, whether the actor may act on it,
 * whether it is closed, and then the rules that depend on its history.
 */
export function decideActivation(
  command: ActivationCommand,
  state: ActivationState,
  context: CommandContext,
): ActivationDecision {
  return decided(() => {
    if (command.type === 'OpenActivation') return open(command, state, context);
    const activation = requireOpened(state, command.activationId);
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
  CommandContext
> = {
  initialState: initialActivationState,
  decide: decideActivation,
  evolve: evolveActivation,
};
