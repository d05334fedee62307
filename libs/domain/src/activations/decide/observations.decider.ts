import { CommandContext } from '../../shared/command-context.js';
import { RecordFinding, RecordSignal } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import {
  event,
  requireHeldInspection,
  requireNewId,
  requireNotClosed,
  requireParticipant,
} from './activation.guards.js';

/** What the agencies notice: signals that reach the activation and findings made in it. */

export function recordSignal(
  command: RecordSignal,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'record a signal');
  const { type: _type, activationId: _activation, signalId, ...signal } = command;
  requireNewId(activation.signals.has(signalId), 'signal', signalId, 'signalId');
  return [event('signal.recorded', { signalId, recordedBy: actor.agency, ...signal })];
}

export function recordFinding(
  command: RecordFinding,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'record a finding');
  const { type: _type, activationId: _activation, findingId, category, description, ...rest } = command;
  requireNewId(activation.findings.has(findingId), 'finding', findingId, 'findingId');
  requireHeldInspection(activation, command.inspectionId);
  return [event('finding.recorded', { findingId, category, description, recordedBy: actor.agency, ...rest })];
}
