import { ActivationContext } from '../activation-context.js';
import { AttachDocument, FileReport } from '../activation.commands.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import { requireTextsFit } from './narrative.guards.js';
import {
  event,
  requireNewId,
  requireNotClosed,
  requireCaseAuthority,
  requireParticipant,
} from './activation.guards.js';

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

/**
 * A participant adds a document it uploaded (photos, the proces-verbaal). Its title carries the
 * document's categories, so the title must not name a person unless those include PERSONAL.
 */
export function attachDocument(
  command: AttachDocument,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'attach a document');
  const { attachmentId, title, categories, contentType, byteLength, sha256 } = command;
  requireNewId(activation.attachmentIds.has(attachmentId), 'attachment', attachmentId, 'uploadId');
  requireTextsFit(activation.persons, { title });
  return [
    event('document.attached', {
      attachmentId,
      attachedBy: context.actor.agency,
      title,
      contentType,
      byteLength,
      sha256,
      categories,
    }),
  ];
}
