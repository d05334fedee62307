import { CommandContext } from '../../shared/command-context.js';
import { CancelInspection, CompleteInspection, ScheduleInspection } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import {
  event,
  requireAllParticipate,
  requireNewId,
  requireNotClosed,
  requireParticipant,
  requireScheduledInspection,
} from './activation.guards.js';

/** Inspections: planned by participating agencies, then completed or cancelled. */

export function scheduleInspection(
  command: ScheduleInspection,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'schedule an inspection');
  const { inspectionId, plannedAt, location } = command;
  requireNewId(activation.inspections.has(inspectionId), 'inspection', inspectionId, 'inspectionId');
  const agencies = command.agencies ?? [actor.agency];
  requireAllParticipate(activation, agencies, 'agencies');
  return [event('inspection.scheduled', { inspectionId, plannedAt, location, agencies })];
}

export function completeInspection(
  command: CompleteInspection,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'complete an inspection');
  requireScheduledInspection(activation, command.inspectionId);
  return [
    event('inspection.completed', {
      inspectionId: command.inspectionId,
      outcomeSummary: command.outcomeSummary,
    }),
  ];
}

export function cancelInspection(
  command: CancelInspection,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'cancel an inspection');
  requireScheduledInspection(activation, command.inspectionId);
  return [event('inspection.cancelled', { inspectionId: command.inspectionId, reason: command.reason })];
}
