import { ActivationContext } from '../activation-context.js';
import { CancelInspection, CompleteInspection, ScheduleInspection } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import { requireTextsFit } from './narrative.guards.js';
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
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'schedule an inspection');
  const { inspectionId, plannedAt, location } = command;
  requireNewId(activation.inspections.has(inspectionId), 'inspection', inspectionId, 'inspectionId');
  const agencies = command.agencies ?? [context.actor.agency];
  requireAllParticipate(activation, agencies, 'agencies');
  return [event('inspection.scheduled', { inspectionId, plannedAt, location, agencies })];
}

export function completeInspection(
  command: CompleteInspection,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'complete an inspection');
  requireScheduledInspection(activation, command.inspectionId);
  requireTextsFit(activation.persons, { outcomeSummary: command.outcomeSummary });
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
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'cancel an inspection');
  requireScheduledInspection(activation, command.inspectionId);
  requireTextsFit(activation.persons, { reason: command.reason });
  return [event('inspection.cancelled', { inspectionId: command.inspectionId, reason: command.reason })];
}
