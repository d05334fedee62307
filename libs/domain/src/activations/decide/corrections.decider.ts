import { ActivationContext } from '../activation-context.js';
import {
  CorrectEmployer,
  CorrectFinding,
  CorrectLocation,
  CorrectRegion,
  CorrectSubject,
  WithdrawEntry,
} from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';
import { ActivationEvent, CorrectableEntryKind } from '../activation.events.js';
import { OpenedActivation, RecordedEntry } from '../activation.state.js';
import { DataCategory } from '../../shared/data-category.enum.js';
import { Narrative } from '../../shared/narrative.value.js';
import { reject } from '../../shared/rejection.js';
import { event, isRegionalCoordinator } from './activation.guards.js';
import { requireTextsFit } from './narrative.guards.js';
import { requireOnePersonPerSubject } from './subject.guards.js';

/*
 * Corrections (AVG art. 16). Nothing is edited: each correction is an event with a reason, and the
 * original stays in the store. A closed activation can be corrected too: rectification is owed whatever
 * the state of the case. Who may correct:
 * - a signal or finding (its persons, its text, that it was misfiled): the agency that recorded it;
 * - the activation's location: the agency that recorded it (the lead at opening) or the lead agency;
 * - the activation's employer: the agency that recorded it (the lead at opening);
 * - region and municipality: the coordinator of the region the activation lies in.
 */

export function correctSubject(
  command: CorrectSubject,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { entryKind, entryId, subject, reason } = command;
  const entry = requireOwnEntry(activation, context, entryKind, entryId);
  if (!entry.subjectIds.includes(subject.subjectId)) {
    // Only the recorder gets here, and it always sees what it recorded: nothing is told that it may not know.
    return reject(
      ActivationErrorCode.SUBJECT_NOT_FOUND,
      `${label(entryKind)} ${entryId} names no person ${subject.subjectId}; give the subjectId of the person ` +
        'as recorded in it.',
      'subject.subjectId',
    );
  }
  // One person, one subject: the corrected BSN must not be another subject's (its own old one it replaces).
  const others = new Map([...activation.persons].filter(([id]) => id !== subject.subjectId));
  requireOnePersonPerSubject(others, [subject], 'subject');
  requireTextsFit(activation.persons, { reason }, { subjects: [subject], namesPersons: true });
  return [
    event('subject.corrected', {
      entryKind,
      entryId,
      entryCategory: categoryOf(activation, entryKind, entryId),
      subjectCategories: entry.subjectCategories,
      subject,
      correctedBy: context.actor.agency,
      reason,
    }),
  ];
}

export function correctFinding(
  command: CorrectFinding,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { findingId, description, amounts, reason } = command;
  requireOwnEntry(activation, context, 'FINDING', findingId);
  const finding = activation.findings.get(findingId)!;
  if (
    amounts !== undefined &&
    ![DataCategory.INCOME, DataCategory.BENEFITS, DataCategory.TAX].includes(finding.category)
  ) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Finding ${findingId} is a ${finding.category} finding, which has no amounts; leave the amounts out.`,
      'amounts',
    );
  }
  const namesPersons = finding.subjectIds.length > 0;
  requireTextsFit(activation.persons, { description, reason }, { namesPersons });
  const classified = classifiedLike(finding, finding.category);
  return [
    event('finding.corrected', {
      findingId,
      category: finding.category,
      ...(description !== undefined && { description: classified(description) }),
      ...(amounts !== undefined && { amounts }),
      correctedBy: context.actor.agency,
      reason: classified(reason),
    }),
  ];
}

export function withdrawEntry(
  command: WithdrawEntry,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { entryKind, entryId, reason } = command;
  const entry = requireOwnEntry(activation, context, entryKind, entryId);
  requireTextsFit(activation.persons, { reason }, { namesPersons: entry.subjectIds.length > 0 });
  const entryCategory = categoryOf(activation, entryKind, entryId);
  return [
    event('entry.withdrawn', {
      entryKind,
      entryId,
      entryCategory,
      correctedBy: context.actor.agency,
      reason: classifiedLike(entry, entryCategory)(reason),
    }),
  ];
}

export function correctLocation(
  command: CorrectLocation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { agency } = context.actor;
  if (agency !== activation.openedBy && agency !== activation.leadAgency) {
    const who =
      activation.openedBy === activation.leadAgency
        ? `${activation.leadAgency}, which recorded it and leads the activation,`
        : `${activation.openedBy}, which recorded it, or the lead agency ${activation.leadAgency}`;
    return reject(
      ActivationErrorCode.NOT_CORRECTION_AUTHORITY,
      `Only ${who} may correct the location of activation ${activation.activationId}; ask them to correct it.`,
    );
  }
  requireTextsFit(activation.persons, { reason: command.reason });
  return [
    event('location.corrected', { location: command.location, correctedBy: agency, reason: command.reason }),
  ];
}

export function correctEmployer(
  command: CorrectEmployer,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { agency } = context.actor;
  if (agency !== activation.openedBy) {
    return reject(
      ActivationErrorCode.NOT_CORRECTION_AUTHORITY,
      `Only ${activation.openedBy}, which recorded the employer of activation ${activation.activationId}, may ` +
        'correct it; ask them to correct it.',
    );
  }
  requireTextsFit(activation.persons, { reason: command.reason });
  return [
    event('employer.corrected', { employer: command.employer, correctedBy: agency, reason: command.reason }),
  ];
}

export function correctRegion(
  command: CorrectRegion,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  if (!isRegionalCoordinator(activation, context)) {
    return reject(
      ActivationErrorCode.NOT_CORRECTION_AUTHORITY,
      `Only the coordinator of ${activation.region} may correct the region and municipality of activation ` +
        `${activation.activationId}; ask them to move it.`,
    );
  }
  const { region, municipality, reason } = command;
  if (region === activation.region && municipality === activation.municipality) {
    return reject(
      ActivationErrorCode.NOTHING_TO_CORRECT,
      `Activation ${activation.activationId} already lies in ${region}, ${municipality}; give the right region ` +
        'and municipality.',
      'region',
    );
  }
  requireTextsFit(activation.persons, { reason });
  return [
    event('region.corrected', {
      fromRegion: activation.region,
      fromMunicipality: activation.municipality,
      region,
      municipality,
      correctedBy: context.actor.agency,
      reason,
    }),
  ];
}

/**
 * The entry, if the actor's agency recorded it and it still stands. One answer for an entry that does not
 * exist, one another agency recorded, and one withdrawn: the first two alike, so that asking tells nobody
 * that a finding it may not see exists (a CRIMINAL finding is invisible to an agency without CRIMINAL).
 */
function requireOwnEntry(
  activation: OpenedActivation,
  context: ActivationContext,
  kind: CorrectableEntryKind,
  id: string,
): RecordedEntry {
  const entry = kind === 'SIGNAL' ? activation.signals.get(id) : activation.findings.get(id);
  if (!entry || entry.recordedBy !== context.actor.agency) {
    return reject(
      ActivationErrorCode.ENTRY_NOT_FOUND,
      `Your agency recorded no ${label(kind).toLowerCase()} ${JSON.stringify(id)} in activation ` +
        `${activation.activationId}; only the agency that recorded a signal or finding may correct it, so ask ` +
        'that agency, or check the id.',
      'entryId',
    );
  }
  if (entry.withdrawn) {
    return reject(
      ActivationErrorCode.ENTRY_WITHDRAWN,
      `${label(kind)} ${id} was withdrawn from activation ${activation.activationId} as misfiled; record it ` +
        'anew where it belongs instead of correcting it.',
      'entryId',
    );
  }
  return entry;
}

/**
 * Free text about an entry that its author did not classify gets the categories the entry's own free text
 * defaulted to (its category, and its persons' categories when it names persons): the correction event
 * does not name those persons itself, so without this a text that may name them would default to less.
 */
function classifiedLike(entry: RecordedEntry & { confirmedInfection?: boolean }, category: DataCategory) {
  const categories = new Set<DataCategory>([category]);
  if (entry.subjectIds.length > 0) entry.subjectCategories.forEach((c) => categories.add(c));
  if (entry.confirmedInfection) categories.add(DataCategory.HEALTH);
  categories.delete(DataCategory.CASE);
  return (narrative: Narrative): Narrative =>
    narrative.categories !== undefined || categories.size === 0
      ? narrative
      : { ...narrative, categories: [...categories].sort() };
}

function categoryOf(activation: OpenedActivation, kind: CorrectableEntryKind, id: string): DataCategory {
  return kind === 'SIGNAL' ? DataCategory.CASE : activation.findings.get(id)!.category;
}

function label(kind: CorrectableEntryKind): string {
  return kind === 'SIGNAL' ? 'Signal' : 'Finding';
}
