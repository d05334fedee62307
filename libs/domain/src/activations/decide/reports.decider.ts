import { CommandContext } from '../../shared/command-context.js';
import { FileReport } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import {
  event,
  requireNewId,
  requireNotClosed,
  requireParticipantOrRegionalCoordinator,
} from './activation.guards.js';

/** The written report (procesverslag) every activation gets before it closes. */

export function fileReport(
  command: FileReport,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'file a report');
  const { reportId, summary, outcome } = command;
  requireNewId(activation.reportIds.has(reportId), 'report', reportId, 'reportId');
  return [event('report.filed', { reportId, filedBy: actor.agency, summary, outcome })];
}
