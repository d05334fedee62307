import { ActivationContext } from '../activation-context.js';
import { RecordFinding, RecordSignal } from '../activation.commands.js';
import { namesPersons, requireTextsFit } from './narrative.guards.js';
import { requireOnePersonPerSubject } from './subject.guards.js';
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
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'record a signal');
  const { type: _type, activationId: _activation, signalId, ...signal } = command;
  requireNewId(activation.signals.has(signalId), 'signal', signalId, 'signalId');
  requireOnePersonPerSubject(activation.persons, signal.subjects);
  requireTextsFit(
    activation.persons,
    { description: signal.description, healthDetail: signal.healthDetail },
    { subjects: signal.subjects, namesPersons: namesPersons(signal) },
  );
  return [event('signal.recorded', { signalId, recordedBy: context.actor.agency, ...signal })];
}

export function recordFinding(
  command: RecordFinding,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'record a finding');
  const { type: _type, activationId: _activation, findingId, category, description, ...rest } = command;
  requireNewId(activation.findings.has(findingId), 'finding', findingId, 'findingId');
  requireHeldInspection(activation, command.inspectionId);
  requireOnePersonPerSubject(activation.persons, command.subjects);
  requireTextsFit(
    activation.persons,
    { description },
    { subjects: command.subjects, namesPersons: (command.subjects?.length ?? 0) > 0 },
  );
  return [
    event('finding.recorded', {
      findingId,
      category,
      description,
      recordedBy: context.actor.agency,
      ...rest,
    }),
  ];
}
