import { ActivationContext } from '../activation-context.js';
import { FileReport } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import { requireTextsFit } from './narrative.guards.js';
import { event, requireNewId, requireNotClosed, requireCaseAuthority } from './activation.guards.js';

/** The written report (procesverslag) every activation gets before it closes. */

export function fileReport(
  command: FileReport,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireCaseAuthority(activation, context, 'file the report of');
  requireNotClosed(activation, 'file a report');
  const { reportId, summary, outcome } = command;
  requireNewId(activation.reportIds.has(reportId), 'report', reportId, 'reportId');
  requireTextsFit(activation.persons, { summary, outcome });
  return [event('report.filed', { reportId, filedBy: context.actor.agency, summary, outcome })];
}
