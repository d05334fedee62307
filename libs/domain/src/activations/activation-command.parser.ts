import { parseEuroCents } from '../shared/euro-cents.value.js';
import {
  distinct,
  isAbsent,
  isRecord,
  NAME_MAX,
  optionalIds,
  optionalNarrative,
  optionalText,
  parsedOrReject,
  requireAgencies,
  requireAgency,
  requireBoolean,
  requireId,
  requireInstant,
  requireList,
  requireNarrative,
  requireOneOf,
  requireText,
} from '../shared/field.parser.js';
import { parseDeclaredCategories } from '../shared/narrative.value.js';
import { Instant } from '../shared/instant.value.js';
import { parseMunicipalityCode } from '../shared/municipality-code.value.js';
import { parseMunicipalityInRegion } from '../shared/municipality-regions.js';
import { parseCommand, RawFields } from '../shared/command.parser.js';
import { INVALID_INPUT, reject } from '../shared/rejection.js';
import { parseSafetyRegion } from '../shared/safety-region.value.js';
import { ActivationCommand, ActivationCommandOf, ActivationCommandType } from './activation.commands.js';
import {
  optionalAmounts,
  optionalEmployer,
  optionalLocation,
  optionalSubjects,
  parseEmployer,
  parseLocation,
  parseSubject,
  parseSignal,
} from './activation-parts.parser.js';
import {
  ActivationKind,
  ActivationTrigger,
  FINDING_CATEGORIES,
  InterventionType,
  MONETARY_FINDING_CATEGORIES,
  Theme,
} from './activation.vocabulary.js';

type CommandParser<T extends ActivationCommandType> = (
  input: RawFields,
  now: Instant,
) => Omit<ActivationCommandOf<T>, 'type' | 'activationId'>;

/*
 * How each command's fields are parsed: the structure of the input only, never the activation's state,
 * so what a parse error says cannot depend on whether an activation exists or whom it lets in. Fields
 * are checked in the order of the command's definition, so the first problem named is the first field.
 */
const PARSERS: { readonly [T in ActivationCommandType]: CommandParser<T> } = {
  OpenActivation: (input, now) => {
    const title = requireNarrative(input, 'title', 'The title', { max: NAME_MAX });
    const region = parsedOrReject(parseSafetyRegion(input.region), 'region');
    const leadAgency = requireAgency(input.leadAgency, 'leadAgency');
    const kind = requireOneOf(input.kind, Object.values(ActivationKind), 'kind', 'The kind');
    const trigger = requireOneOf(input.trigger, Object.values(ActivationTrigger), 'trigger', 'The trigger');
    const themes = distinct(
      requireList(input.themes, 'themes', 'The themes').map((theme, i) =>
        requireOneOf(theme, Object.values(Theme), `themes[${i}]`, 'The theme'),
      ),
    );
    if (themes.length === 0) {
      return reject(
        INVALID_INPUT,
        'An activation needs at least one theme; choose from HOUSING, WORK, TRANSPORT and HEALTH.',
        'themes',
      );
    }
    const municipality = parsedOrReject(
      parseMunicipalityInRegion(
        parsedOrReject(parseMunicipalityCode(input.municipality), 'municipality'),
        region,
      ),
      'municipality',
    );
    const location = optionalLocation(input.location, 'location');
    const employer = optionalEmployer(input.employer, 'employer');
    const initialSignal = isAbsent(input.initialSignal)
      ? undefined
      : parseSignal(input.initialSignal, 'initialSignal', now);
    return {
      title,
      kind,
      trigger,
      themes,
      region,
      municipality,
      leadAgency,
      ...(location && { location }),
      ...(employer && { employer }),
      ...(initialSignal && { initialSignal }),
    };
  },
  RecordSignal: (input, now) => parseSignal(input, '', now),
  InviteAgency: (input) => {
    const agency = requireAgency(input.agency, 'agency');
    const reason = optionalNarrative(input, 'reason', 'The reason');
    return { agency, ...(reason !== undefined && { reason }) };
  },
  DeclineInvitation: (input) => ({ reason: requireNarrative(input, 'reason', 'The reason for declining') }),
  JoinActivation: () => ({}),
  LeaveActivation: (input) => {
    const reason = optionalNarrative(input, 'reason', 'The reason');
    return reason === undefined ? {} : { reason };
  },
  EscalateActivation: (input) => {
    const evidence = isRecord(input.triggeredBy) ? input.triggeredBy : {};
    const kind = requireOneOf(
      evidence.kind,
      ['SIGNAL', 'FINDING'] as const,
      'triggeredBy.kind',
      'The evidence kind',
    );
    const id = requireId(
      evidence.id,
      'triggeredBy.id',
      kind === 'SIGNAL' ? 'The signal id' : 'The finding id',
    );
    return { triggeredBy: { kind, id } };
  },
  ScheduleInspection: (input) => {
    const inspectionId = requireId(input.inspectionId, 'inspectionId', 'The inspection id');
    const plannedAt = requireInstant(input.plannedAt, 'plannedAt');
    const location = parseLocation(input.location, 'location');
    const agencies = isAbsent(input.agencies)
      ? undefined
      : requireAgencies(input.agencies, 'agencies', 'The agencies');
    if (agencies?.length === 0) {
      return reject(
        INVALID_INPUT,
        'Name at least one agency that takes part in the inspection, or leave the list out to go yourself.',
        'agencies',
      );
    }
    return { inspectionId, plannedAt, location, ...(agencies && { agencies }) };
  },
  CompleteInspection: (input) => ({
    inspectionId: requireId(input.inspectionId, 'inspectionId', 'The inspection id'),
    outcomeSummary: requireNarrative(input, 'outcomeSummary', 'The outcome summary'),
  }),
  CancelInspection: (input) => ({
    inspectionId: requireId(input.inspectionId, 'inspectionId', 'The inspection id'),
    reason: requireNarrative(input, 'reason', 'The reason'),
  }),
  RecordFinding: (input, now) => {
    const findingId = requireId(input.findingId, 'findingId', 'The finding id');
    const category = requireOneOf(input.category, FINDING_CATEGORIES, 'category', 'The finding category');
    const description = requireNarrative(input, 'description', 'The description');
    const inspectionId = optionalId(input.inspectionId, 'inspectionId', 'The inspection id');
    const subjects = optionalSubjects(input.subjects, 'subjects', now);
    const amounts = optionalAmounts(input.amounts, 'amounts');
    if (amounts !== undefined && !MONETARY_FINDING_CATEGORIES.includes(category)) {
      return reject(
        INVALID_INPUT,
        `Amounts belong on INCOME, BENEFITS or TAX findings, not on ${category}; record them on such a finding.`,
        'amounts',
      );
    }
    const confirmedInfection = isAbsent(input.confirmedInfection)
      ? undefined
      : requireBoolean(input.confirmedInfection, 'confirmedInfection', 'Confirmed infection');
    if (confirmedInfection !== undefined && category !== 'HEALTH') {
      return reject(
        INVALID_INPUT,
        `A confirmed infection is health data; record it on a HEALTH finding, not on ${category}.`,
        'confirmedInfection',
      );
    }
    return {
      findingId,
      category,
      description,
      ...(inspectionId !== undefined && { inspectionId }),
      ...(subjects !== undefined && { subjects }),
      ...(amounts !== undefined && { amounts }),
      ...(confirmedInfection !== undefined && { confirmedInfection }),
    };
  },
  ImposeIntervention: (input) => {
    const interventionId = requireId(input.interventionId, 'interventionId', 'The intervention id');
    const interventionType = requireOneOf(
      input.interventionType,
      Object.values(InterventionType),
      'interventionType',
      'The intervention type',
    );
    const description = requireNarrative(input, 'description', 'The description');
    const addressee = optionalEmployer(input.addressee, 'addressee');
    const amountEuroCents = fineAmount(interventionType, input.amountEuroCents);
    const legalBasis = optionalText(input.legalBasis, 'legalBasis', 'The legal basis', NAME_MAX);
    const location = optionalLocation(input.location, 'location');
    const inspectionId = optionalId(input.inspectionId, 'inspectionId', 'The inspection id');
    const findingIds = optionalIds(input.findingIds, 'findingIds', 'The finding id');
    return {
      interventionId,
      interventionType,
      description,
      ...(addressee !== undefined && { addressee }),
      ...(amountEuroCents !== undefined && { amountEuroCents }),
      ...(legalBasis !== undefined && { legalBasis }),
      ...(location !== undefined && { location }),
      ...(inspectionId !== undefined && { inspectionId }),
      ...(findingIds !== undefined && { findingIds }),
    };
  },
  MakeReferral: (input) => {
    const referralId = requireId(input.referralId, 'referralId', 'The referral id');
    const toAgency = requireAgency(input.toAgency, 'toAgency');
    const reason = requireNarrative(input, 'reason', 'The reason');
    const inspectionId = optionalId(input.inspectionId, 'inspectionId', 'The inspection id');
    const findingIds = optionalIds(input.findingIds, 'findingIds', 'The finding id');
    return {
      referralId,
      toAgency,
      reason,
      ...(inspectionId !== undefined && { inspectionId }),
      ...(findingIds !== undefined && { findingIds }),
    };
  },
  DecideIntegratedDeployment: (input) => {
    const integrated = requireBoolean(input.integrated, 'integrated', 'Integrated');
    const agencies = requireAgencies(input.agencies ?? [], 'agencies', 'The agencies');
    if (integrated && agencies.length < 2) {
      return reject(
        INVALID_INPUT,
        'Integrated deployment means several agencies act together; name at least two participating agencies.',
        'agencies',
      );
    }
    if (!integrated && agencies.length > 0) {
      return reject(
        INVALID_INPUT,
        'A decision against integrated deployment names no agencies; leave the list empty.',
        'agencies',
      );
    }
    return { integrated, agencies, rationale: requireNarrative(input, 'rationale', 'The rationale') };
  },
  FileReport: (input) => ({
    reportId: requireId(input.reportId, 'reportId', 'The report id'),
    summary: requireNarrative(input, 'summary', 'The summary'),
    outcome: requireNarrative(input, 'outcome', 'The outcome'),
  }),
  AttachDocument: (input) => {
    const attachmentId = requireId(input.attachmentId, 'attachmentId', 'The upload id');
    const text = requireText(input.title, 'title', 'The title', NAME_MAX);
    const declared = parseDeclaredCategories(input.categories);
    if (!declared.ok) return reject(INVALID_INPUT, declared.message, 'categories');
    if (declared.value === undefined) {
      return reject(
        INVALID_INPUT,
        'A document needs the categories it contains; name them, or leave them to the default.',
        'categories',
      );
    }
    const contentType = requireText(input.contentType, 'contentType', 'The content type', NAME_MAX);
    const byteLength = input.byteLength;
    if (typeof byteLength !== 'number' || !Number.isSafeInteger(byteLength) || byteLength <= 0) {
      return reject(INVALID_INPUT, 'A document has at least one byte.', 'byteLength');
    }
    const sha256 = typeof input.sha256 === 'string' ? input.sha256 : '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      return reject(INVALID_INPUT, 'The SHA-256 of a document is 64 hex digits.', 'sha256');
    }
    const categories = declared.value;
    return { attachmentId, title: { text, categories }, categories, contentType, byteLength, sha256 };
  },
  CloseActivation: (input) => ({ outcome: requireNarrative(input, 'outcome', 'The outcome') }),
  ReopenActivation: (input) => ({ reason: requireNarrative(input, 'reason', 'The reason for reopening') }),
  TransferLead: (input) => {
    const toAgency = requireAgency(input.toAgency, 'toAgency');
    const reason = optionalNarrative(input, 'reason', 'The reason');
    return { toAgency, ...(reason !== undefined && { reason }) };
  },
  ProposeClosing: (input) => ({ reason: requireNarrative(input, 'reason', 'The reason for closing') }),
  CorrectSubject: (input, now) => ({
    entryKind: entryKindOf(input.entryKind),
    entryId: requireId(input.entryId, 'entryId', 'The id of the signal or finding'),
    subject: parseSubject(input.subject, 'subject', now),
    reason: correctionReason(input),
  }),
  CorrectFinding: (input) => {
    const findingId = requireId(input.findingId, 'findingId', 'The finding id');
    const description = optionalNarrative(input, 'description', 'The description');
    const amounts = optionalAmounts(input.amounts, 'amounts');
    if (description === undefined && amounts === undefined) {
      return reject(
        INVALID_INPUT,
        'A correction of a finding gives its corrected description or amounts; fill in what should have been ' +
          'recorded (persons are corrected with correctSubject, a misfiled finding is withdrawn).',
        'description',
      );
    }
    return {
      findingId,
      ...(description !== undefined && { description }),
      ...(amounts !== undefined && { amounts }),
      reason: correctionReason(input),
    };
  },
  WithdrawEntry: (input) => ({
    entryKind: entryKindOf(input.entryKind),
    entryId: requireId(input.entryId, 'entryId', 'The id of the signal or finding'),
    reason: correctionReason(input),
  }),
  CorrectLocation: (input) => ({
    location: parseLocation(input.location, 'location'),
    reason: correctionReason(input),
  }),
  CorrectEmployer: (input) => ({
    employer: parseEmployer(input.employer, 'employer'),
    reason: correctionReason(input),
  }),
  CorrectRegion: (input) => {
    const region = parsedOrReject(parseSafetyRegion(input.region), 'region');
    // The corrected pair must fit the CBS table, as at opening: a correction does not make a new mistake.
    const municipality = parsedOrReject(
      parseMunicipalityInRegion(
        parsedOrReject(parseMunicipalityCode(input.municipality), 'municipality'),
        region,
      ),
      'municipality',
    );
    return { region, municipality, reason: correctionReason(input) };
  },
};

/** Every correction says why (AVG art. 16: the record shows what was wrong and why it changed). */
function correctionReason(input: RawFields) {
  return requireNarrative(input, 'reason', 'The reason for the correction');
}

function entryKindOf(value: unknown): 'SIGNAL' | 'FINDING' {
  return requireOneOf(value, ['SIGNAL', 'FINDING'] as const, 'entryKind', 'The kind of entry');
}

/**
 * Parses a command as it arrived (plain JSON) into the typed command the decider judges; rejects with
 * INVALID_INPUT naming the first field at fault. `now` bounds what cannot lie in the future (birth dates).
 */
export function parseActivationCommand(input: unknown, now: Instant): ActivationCommand {
  return parseCommand(input, ACTIVATIONS, PARSERS, now);
}

const ACTIVATIONS = { idField: 'activationId', idLabel: 'The activation id', what: 'an activation command' };

function optionalId(value: unknown, field: string, label: string): string | undefined {
  return isAbsent(value) ? undefined : requireId(value, field, label);
}

function fineAmount(type: InterventionType, amount: unknown) {
  if (type !== InterventionType.FINE) {
    if (isAbsent(amount)) return undefined;
    return reject(
      INVALID_INPUT,
      `Only a fine has an amount; leave amountEuroCents out of this ${type.toLowerCase()} or choose FINE.`,
      'amountEuroCents',
    );
  }
  const fine = isAbsent(amount) ? undefined : parsedOrReject(parseEuroCents(amount), 'amountEuroCents');
  if (fine === undefined || fine === 0) {
    return reject(
      INVALID_INPUT,
      'A fine needs an amount above zero, in euro cents (150000 for € 1,500.00).',
      'amountEuroCents',
    );
  }
  return fine;
}
