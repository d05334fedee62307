import { Actor, parseActor, Role } from '../shared/actor.value.js';
import { AgencyCode } from '../shared/agency-code.value.js';
import { Decider, Decision, foldEvents } from '../shared/decider.js';
import { EuroCents, parseEuroCents } from '../shared/euro-cents.value.js';
import { Instant, parseInstant } from '../shared/instant.value.js';
import { parseMunicipalityCode } from '../shared/municipality-code.value.js';
import { parseSafetyRegion } from '../shared/safety-region.value.js';
import {
  ActivationCommand,
  CancelInspection,
  CloseActivation,
  CompleteInspection,
  DecideIntegratedDeployment,
  EscalateActivation,
  FileReport,
  ImposeIntervention,
  InviteAgency,
  JoinActivation,
  LeaveActivation,
  MakeReferral,
  OpenActivation,
  RecordFinding,
  RecordSignal,
  ReopenActivation,
  ScheduleInspection,
  SignalInput,
} from './activation.commands.js';
import { ActivationError, ActivationErrorCode, ActivationRejection, reject } from './activation.errors.js';
import {
  ActivationEvent,
  ActivationEventDataMap,
  ActivationEventOf,
  ActivationEventType,
  SignalRecordedData,
} from './activation.events.js';
import {
  isAbsent,
  MAX_NAME,
  optionalAmounts,
  optionalBoolean,
  optionalEmployer,
  optionalIds,
  optionalLocation,
  optionalSubjects,
  optionalText,
  parsedOrReject,
  parseEmployer,
  parseLocation,
  parseSignalSource,
  distinct,
  requireAgency,
  requireBoolean,
  requireId,
  requireList,
  requireOneOf,
  requireText,
} from './activation-input.parser.js';
import {
  ActivationState,
  evolveActivation,
  initialActivationState,
  OpenedActivation,
} from './activation.state.js';
import {
  ActivationKind,
  ActivationStatus,
  ActivationTrigger,
  FINDING_CATEGORIES,
  InfectionEvidence,
  InspectionStatus,
  InterventionType,
  MONETARY_FINDING_CATEGORIES,
  Theme,
} from './activation.vocabulary.js';

export type ActivationDecision = Decision<ActivationEvent, ActivationError>;

/*
 * Checks run in a fixed order: who the actor is, whether the activation exists, whether the actor may act
 * on it, whether it is closed, whether the input is well-formed, and only then the rules that depend on
 * the activation's history. Someone without access therefore learns nothing from the content of the error.
 */
export function decideActivation(command: ActivationCommand, state: ActivationState): ActivationDecision {
  try {
    return { ok: true, events: decideOrReject(command, state) };
  } catch (error) {
    if (error instanceof ActivationRejection) return { ok: false, error: error.error };
    throw error;
  }
}

export function foldActivation(events: readonly ActivationEvent[]): ActivationState {
  return foldEvents(activationDecider, events);
}

export const activationDecider: Decider<
  ActivationCommand,
  ActivationEvent,
  ActivationState,
  ActivationError
> = {
  initialState: initialActivationState,
  decide: decideActivation,
  evolve: evolveActivation,
};

/** Roles that work cases; policy admins and privacy officers read no case data, agency systems only receive feeds. */
const CASE_ROLES: readonly Role[] = [Role.INSPECTOR, Role.COORDINATOR];

function decideOrReject(command: ActivationCommand, state: ActivationState): ActivationEvent[] {
  const actor = parsedOrReject(parseActor(command.actor ?? {}), 'actor');
  if (!CASE_ROLES.includes(actor.role)) {
    return reject(
      ActivationErrorCode.ROLE_NOT_ALLOWED,
      `The role ${actor.role} cannot act on activations; sign in as an inspector or coordinator.`,
    );
  }
  const now = parsedOrReject(parseInstant(command.now), 'now');
  if (command.type === 'OpenActivation') return open(command, state, actor, now);

  const activation = requireOpened(state, command.activationId);
  switch (command.type) {
    case 'RecordSignal':
      return recordSignal(command, activation, actor, now);
    case 'InviteAgency':
      return invite(command, activation, actor);
    case 'JoinActivation':
      return join(command, activation, actor);
    case 'LeaveActivation':
      return leave(command, activation, actor);
    case 'EscalateActivation':
      return escalate(command, activation, actor);
    case 'ScheduleInspection':
      return scheduleInspection(command, activation, actor);
    case 'CompleteInspection':
      return completeInspection(command, activation, actor);
    case 'CancelInspection':
      return cancelInspection(command, activation, actor);
    case 'RecordFinding':
      return recordFinding(command, activation, actor, now);
    case 'ImposeIntervention':
      return imposeIntervention(command, activation, actor);
    case 'MakeReferral':
      return makeReferral(command, activation, actor);
    case 'DecideIntegratedDeployment':
      return decideIntegratedDeployment(command, activation, actor);
    case 'FileReport':
      return fileReport(command, activation, actor);
    case 'CloseActivation':
      return close(command, activation, actor);
    case 'ReopenActivation':
      return reopen(command, activation, actor);
    default:
      return unknownCommand(command);
  }
}

// Commands may arrive as JSON that never met the types; an unknown type must be refused, not ignored.
function unknownCommand(command: never): never {
  return reject(
    ActivationErrorCode.INVALID_INPUT,
    `${JSON.stringify((command as { type?: unknown }).type)} is not an activation command; check the command type.`,
    'type',
  );
}

function open(
  command: OpenActivation,
  state: ActivationState,
  actor: Actor,
  now: Instant,
): ActivationEvent[] {
  const activationId = requireId(command.activationId, 'activationId', 'The activation id');
  if (state.opened) {
    return reject(
      ActivationErrorCode.ALREADY_OPENED,
      `Activation ${activationId} is already open; record on it instead, or choose a new id for a new activation.`,
      'activationId',
    );
  }
  const region = parsedOrReject(parseSafetyRegion(command.region), 'region');
  const leadAgency = requireAgency(command.leadAgency, 'leadAgency');
  if (leadAgency !== actor.agency && !(actor.role === Role.COORDINATOR && actor.region === region)) {
    return reject(
      ActivationErrorCode.NOT_LEAD_AGENCY,
      `Agency ${actor.agency} cannot open an activation led by ${leadAgency}; name your own agency as lead, ` +
        `or ask the coordinator of ${region} to open it.`,
      'leadAgency',
    );
  }
  const kind = requireOneOf(command.kind, Object.values(ActivationKind), 'kind', 'The kind');
  const trigger = requireOneOf(command.trigger, Object.values(ActivationTrigger), 'trigger', 'The trigger');
  const themes = distinct(
    requireList(command.themes, 'themes', 'The themes').map((theme, i) =>
      requireOneOf(theme, Object.values(Theme), `themes[${i}]`, 'The theme'),
    ),
  );
  if (themes.length === 0) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'An activation needs at least one theme; choose from HOUSING, WORK, TRANSPORT and HEALTH.',
      'themes',
    );
  }
  const municipality = parsedOrReject(parseMunicipalityCode(command.municipality), 'municipality');
  const location = optionalLocation(command.location, 'location');
  const employer = optionalEmployer(command.employer, 'employer');
  const signal = isAbsent(command.initialSignal)
    ? undefined
    : parseSignal(command.initialSignal, 'initialSignal', actor, now);

  if (kind === ActivationKind.REPRESSIVE && signal?.confirmedInfection !== true) {
    return reject(
      ActivationErrorCode.CONFIRMED_INFECTION_REQUIRED,
      'A repressive activation must name the confirmed infection that triggered it; add the initial signal ' +
        'with confirmedInfection set, or open the activation as PREVENTIVE.',
      'initialSignal',
    );
  }
  if (kind === ActivationKind.PREVENTIVE && signal?.confirmedInfection === true) {
    return reject(
      ActivationErrorCode.KIND_CONFLICT,
      'The initial signal reports a confirmed infection, so the activation is repressive; open it as REPRESSIVE.',
      'kind',
    );
  }

  const opened = event('activation.opened', {
    activationId,
    kind,
    trigger,
    themes,
    region,
    municipality,
    leadAgency,
    ...(location && { location }),
    ...(employer && { employer }),
    ...(kind === ActivationKind.REPRESSIVE &&
      signal && { triggeredBy: { kind: 'SIGNAL' as const, id: signal.signalId } }),
  });
  return signal ? [opened, event('signal.recorded', signal)] : [opened];
}

function recordSignal(
  command: RecordSignal,
  activation: OpenedActivation,
  actor: Actor,
  now: Instant,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'record a signal');
  const signal = parseSignal(command, '', actor, now);
  requireNewId(activation.signals.has(signal.signalId), 'signal', signal.signalId, 'signalId');
  return [event('signal.recorded', signal)];
}

function invite(command: InviteAgency, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'invite an agency');
  const agency = requireAgency(command.agency, 'agency');
  // Asking twice, or asking someone already at the table, changes nothing and should not fail a retry.
  if (activation.participants.includes(agency) || activation.invited.includes(agency)) return [];
  return [event('agency.invited', { agency, invitedBy: actor.agency })];
}

function join(_command: JoinActivation, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireNotClosed(activation, 'join');
  if (activation.participants.includes(actor.agency)) return [];
  if (!activation.invited.includes(actor.agency)) {
    return reject(
      ActivationErrorCode.NOT_INVITED,
      `Agency ${actor.agency} has not been invited to activation ${activation.activationId}; ask a participant ` +
        `or the coordinator of ${activation.region} to invite it.`,
    );
  }
  return [event('agency.joined', { agency: actor.agency })];
}

function leave(command: LeaveActivation, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'leave');
  if (actor.agency === activation.leadAgency) {
    return reject(
      ActivationErrorCode.LEAD_AGENCY_CANNOT_LEAVE,
      `Agency ${actor.agency} leads activation ${activation.activationId} and cannot leave it; close the ` +
        'activation with a report instead.',
    );
  }
  const reason = optionalText(command.reason, 'reason', 'The reason');
  return [event('agency.left', { agency: actor.agency, ...(reason !== undefined && { reason }) })];
}

function escalate(
  command: EscalateActivation,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'escalate');
  const evidence = command.triggeredBy ?? ({} as Partial<InfectionEvidence>);
  const kind = requireOneOf(
    evidence.kind,
    ['SIGNAL', 'FINDING'] as const,
    'triggeredBy.kind',
    'The evidence kind',
  );
  const id = requireId(evidence.id, 'triggeredBy.id', kind === 'SIGNAL' ? 'The signal id' : 'The finding id');
  if (activation.kind === ActivationKind.REPRESSIVE) {
    return reject(
      ActivationErrorCode.ALREADY_REPRESSIVE,
      `Activation ${activation.activationId} is already repressive; record the new infection as a signal or finding.`,
    );
  }
  const confirmed =
    kind === 'SIGNAL'
      ? requireSignal(activation, id, 'triggeredBy.id').confirmedInfection
      : requireFinding(activation, id, 'triggeredBy.id').confirmedInfection;
  if (!confirmed) {
    return reject(
      ActivationErrorCode.CONFIRMED_INFECTION_REQUIRED,
      `${kind === 'SIGNAL' ? 'Signal' : 'Finding'} ${id} does not report a confirmed infection; name the signal ` +
        'or finding that does.',
      'triggeredBy.id',
    );
  }
  return [event('activation.escalated', { kind: ActivationKind.REPRESSIVE, triggeredBy: { kind, id } })];
}

function scheduleInspection(
  command: ScheduleInspection,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'schedule an inspection');
  const inspectionId = requireId(command.inspectionId, 'inspectionId', 'The inspection id');
  requireNewId(activation.inspections.has(inspectionId), 'inspection', inspectionId, 'inspectionId');
  const plannedAt = parsedOrReject(parseInstant(command.plannedAt), 'plannedAt');
  const location = parseLocation(command.location, 'location');
  const agencies = isAbsent(command.agencies)
    ? [actor.agency]
    : distinct(
        requireList(command.agencies, 'agencies', 'The agencies').map((a, i) =>
          requireAgency(a, `agencies[${i}]`),
        ),
      );
  if (agencies.length === 0) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'Name at least one agency that takes part in the inspection, or leave the list out to go yourself.',
      'agencies',
    );
  }
  requireAllParticipate(activation, agencies, 'agencies');
  return [event('inspection.scheduled', { inspectionId, plannedAt, location, agencies })];
}

function completeInspection(
  command: CompleteInspection,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'complete an inspection');
  const inspectionId = requireId(command.inspectionId, 'inspectionId', 'The inspection id');
  const outcomeSummary = requireText(command.outcomeSummary, 'outcomeSummary', 'The outcome summary');
  requireScheduledInspection(activation, inspectionId);
  return [event('inspection.completed', { inspectionId, outcomeSummary })];
}

function cancelInspection(
  command: CancelInspection,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'cancel an inspection');
  const inspectionId = requireId(command.inspectionId, 'inspectionId', 'The inspection id');
  const reason = requireText(command.reason, 'reason', 'The reason');
  requireScheduledInspection(activation, inspectionId);
  return [event('inspection.cancelled', { inspectionId, reason })];
}

function recordFinding(
  command: RecordFinding,
  activation: OpenedActivation,
  actor: Actor,
  now: Instant,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'record a finding');
  const findingId = requireId(command.findingId, 'findingId', 'The finding id');
  requireNewId(activation.findings.has(findingId), 'finding', findingId, 'findingId');
  const category = requireOneOf(command.category, FINDING_CATEGORIES, 'category', 'The finding category');
  const description = requireText(command.description, 'description', 'The description');
  const inspectionId = optionalInspection(activation, command.inspectionId);
  const subjects = optionalSubjects(command.subjects, 'subjects', now);
  const amounts = optionalAmounts(command.amounts, 'amounts');
  if (amounts !== undefined && !MONETARY_FINDING_CATEGORIES.includes(category)) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Amounts belong on INCOME, BENEFITS or TAX findings, not on ${category}; record them on such a finding.`,
      'amounts',
    );
  }
  const confirmedInfection = optionalBoolean(
    command.confirmedInfection,
    'confirmedInfection',
    'Confirmed infection',
  );
  if (confirmedInfection !== undefined && category !== 'HEALTH') {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `A confirmed infection is health data; record it on a HEALTH finding, not on ${category}.`,
      'confirmedInfection',
    );
  }
  return [
    event('finding.recorded', {
      findingId,
      category,
      description,
      recordedBy: actor.agency,
      ...(inspectionId !== undefined && { inspectionId }),
      ...(subjects !== undefined && { subjects }),
      ...(amounts !== undefined && { amounts }),
      ...(confirmedInfection !== undefined && { confirmedInfection }),
    }),
  ];
}

function imposeIntervention(
  command: ImposeIntervention,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'impose an intervention');
  const interventionId = requireId(command.interventionId, 'interventionId', 'The intervention id');
  requireNewId(
    activation.interventionIds.has(interventionId),
    'intervention',
    interventionId,
    'interventionId',
  );
  const interventionType = requireOneOf(
    command.interventionType,
    Object.values(InterventionType),
    'interventionType',
    'The intervention type',
  );
  const description = requireText(command.description, 'description', 'The description');
  const addressee = isAbsent(command.addressee)
    ? (activation.employer ??
      reject(
        ActivationErrorCode.EMPLOYER_REQUIRED,
        'The activation names no employer to address the intervention to; give the addressee.',
        'addressee',
      ))
    : parseEmployer(command.addressee, 'addressee');
  const amountEuroCents = fineAmount(interventionType, command.amountEuroCents);
  const legalBasis = optionalText(command.legalBasis, 'legalBasis', 'The legal basis', MAX_NAME);
  const location =
    optionalLocation(command.location, 'location') ??
    (interventionType === InterventionType.CLOSURE
      ? (activation.location ??
        reject(
          ActivationErrorCode.LOCATION_REQUIRED,
          'A closure needs the address it closes, and the activation names none; give the location.',
          'location',
        ))
      : undefined);
  const inspectionId = optionalInspection(activation, command.inspectionId);
  const findingIds = optionalFindings(activation, command.findingIds);
  return [
    event('intervention.imposed', {
      interventionId,
      interventionType,
      imposedBy: actor.agency,
      addressee,
      description,
      ...(amountEuroCents !== undefined && { amountEuroCents }),
      ...(legalBasis !== undefined && { legalBasis }),
      ...(location !== undefined && { location }),
      ...(inspectionId !== undefined && { inspectionId }),
      ...(findingIds !== undefined && { findingIds }),
    }),
  ];
}

function fineAmount(type: InterventionType, amount: unknown): EuroCents | undefined {
  if (type !== InterventionType.FINE) {
    if (isAbsent(amount)) return undefined;
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Only a fine has an amount; leave the amount out of a ${type}.`,
      'amountEuroCents',
    );
  }
  const fine = isAbsent(amount) ? undefined : parsedOrReject(parseEuroCents(amount), 'amountEuroCents');
  if (fine === undefined || fine === 0) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'A fine needs an amount above zero, in euro cents (150000 for € 1,500.00).',
      'amountEuroCents',
    );
  }
  return fine;
}

function makeReferral(command: MakeReferral, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'make a referral');
  const referralId = requireId(command.referralId, 'referralId', 'The referral id');
  requireNewId(activation.referralIds.has(referralId), 'referral', referralId, 'referralId');
  const toAgency = requireAgency(command.toAgency, 'toAgency');
  if (toAgency === actor.agency) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      `Agency ${actor.agency} cannot refer to itself; name the agency that should take the matter up.`,
      'toAgency',
    );
  }
  const reason = requireText(command.reason, 'reason', 'The reason');
  const inspectionId = optionalInspection(activation, command.inspectionId);
  const findingIds = optionalFindings(activation, command.findingIds);
  return [
    event('referral.made', {
      referralId,
      fromAgency: actor.agency,
      toAgency,
      reason,
      ...(inspectionId !== undefined && { inspectionId }),
      ...(findingIds !== undefined && { findingIds }),
    }),
  ];
}

function decideIntegratedDeployment(
  command: DecideIntegratedDeployment,
  activation: OpenedActivation,
  actor: Actor,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'decide on integrated deployment');
  const integrated = requireBoolean(command.integrated, 'integrated', 'Integrated');
  const agencies = distinct(
    requireList(command.agencies ?? [], 'agencies', 'The agencies').map((a, i) =>
      requireAgency(a, `agencies[${i}]`),
    ),
  );
  if (integrated && agencies.length < 2) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'Integrated deployment means several agencies act together; name at least two participating agencies.',
      'agencies',
    );
  }
  if (!integrated && agencies.length > 0) {
    return reject(
      ActivationErrorCode.INVALID_INPUT,
      'A decision against integrated deployment names no agencies; leave the list empty.',
      'agencies',
    );
  }
  requireAllParticipate(activation, agencies, 'agencies');
  const rationale = requireText(command.rationale, 'rationale', 'The rationale');
  return [event('integrated-deployment.decided', { integrated, agencies, rationale })];
}

function fileReport(command: FileReport, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'file a report');
  const reportId = requireId(command.reportId, 'reportId', 'The report id');
  requireNewId(activation.reportIds.has(reportId), 'report', reportId, 'reportId');
  const summary = requireText(command.summary, 'summary', 'The summary');
  const outcome = requireText(command.outcome, 'outcome', 'The outcome');
  return [event('report.filed', { reportId, filedBy: actor.agency, summary, outcome })];
}

function close(command: CloseActivation, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'close it again');
  const outcome = requireText(command.outcome, 'outcome', 'The outcome');
  if (!activation.reportFiled) {
    return reject(
      ActivationErrorCode.REPORT_REQUIRED,
      `Activation ${activation.activationId} has no report filed since it was ` +
        `${activation.reportIds.size > 0 ? 'reopened' : 'opened'}; file the report (procesverslag) first.`,
    );
  }
  const outstanding = [...activation.inspections]
    .filter(([, status]) => status === InspectionStatus.SCHEDULED)
    .map(([id]) => id);
  if (outstanding.length > 0) {
    return reject(
      ActivationErrorCode.INSPECTIONS_OUTSTANDING,
      `Inspection ${outstanding.join(', ')} is still scheduled; complete or cancel it before closing.`,
    );
  }
  return [event('activation.closed', { outcome })];
}

function reopen(command: ReopenActivation, activation: OpenedActivation, actor: Actor): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  if (activation.status !== ActivationStatus.CLOSED) {
    return reject(
      ActivationErrorCode.ACTIVATION_NOT_CLOSED,
      `Activation ${activation.activationId} is not closed, so there is nothing to reopen; carry on working on it.`,
    );
  }
  const reason = requireText(command.reason, 'reason', 'The reason for reopening');
  return [event('activation.reopened', { reason })];
}

function parseSignal(input: SignalInput, prefix: string, actor: Actor, now: Instant): SignalRecordedData {
  const field = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  const signalId = requireId(input.signalId, field('signalId'), 'The signal id');
  const source = parseSignalSource(input.source, field('source'));
  const description = requireText(input.description, field('description'), 'The description');
  const subjects = optionalSubjects(input.subjects, field('subjects'), now);
  const confirmedInfection = optionalBoolean(
    input.confirmedInfection,
    field('confirmedInfection'),
    'Confirmed infection',
  );
  const healthDetail = optionalText(input.healthDetail, field('healthDetail'), 'The health detail');
  return {
    signalId,
    recordedBy: actor.agency,
    source,
    description,
    ...(subjects !== undefined && { subjects }),
    ...(confirmedInfection !== undefined && { confirmedInfection }),
    ...(healthDetail !== undefined && { healthDetail }),
  };
}

function requireOpened(state: ActivationState, activationId: string): OpenedActivation {
  // A state for another stream means the caller loaded the wrong one; to the user it is just not there.
  if (state.opened && state.activationId === activationId) return state;
  return reject(
    ActivationErrorCode.NOT_FOUND,
    `Activation ${String(activationId)} does not exist; check the id, or open the activation first.`,
    'activationId',
  );
}

function isRegionalCoordinator(activation: OpenedActivation, actor: Actor): boolean {
  return actor.role === Role.COORDINATOR && actor.region === activation.region;
}

function requireParticipant(activation: OpenedActivation, actor: Actor): void {
  if (activation.participants.includes(actor.agency)) return;
  reject(
    ActivationErrorCode.NOT_A_PARTICIPANT,
    `Agency ${actor.agency} does not take part in activation ${activation.activationId}; ask a participant or ` +
      `the coordinator of ${activation.region} for an invitation, then join.`,
  );
}

function requireParticipantOrRegionalCoordinator(activation: OpenedActivation, actor: Actor): void {
  if (isRegionalCoordinator(activation, actor)) return;
  requireParticipant(activation, actor);
}

function requireNotClosed(activation: OpenedActivation, action: string): void {
  if (activation.status !== ActivationStatus.CLOSED) return;
  reject(
    ActivationErrorCode.ACTIVATION_CLOSED,
    `Activation ${activation.activationId} is closed; reopen it, with a reason, before you ${action}.`,
  );
}

function requireNewId(exists: boolean, what: string, id: string, field: string): void {
  if (!exists) return;
  reject(
    ActivationErrorCode.DUPLICATE_ID,
    `A ${what} with id ${id} already exists in this activation; use a new id.`,
    field,
  );
}

function requireAllParticipate(
  activation: OpenedActivation,
  agencies: readonly AgencyCode[],
  field: string,
): void {
  const outsiders = agencies.filter((agency) => !activation.participants.includes(agency));
  if (outsiders.length === 0) return;
  reject(
    ActivationErrorCode.AGENCY_NOT_PARTICIPATING,
    `${outsiders.join(', ')} ${outsiders.length === 1 ? 'does' : 'do'} not take part in activation ` +
      `${activation.activationId}; invite ${outsiders.length === 1 ? 'it' : 'them'} and wait until they join.`,
    field,
  );
}

function requireSignal(activation: OpenedActivation, id: string, field: string) {
  return (
    activation.signals.get(id) ??
    reject(
      ActivationErrorCode.SIGNAL_NOT_FOUND,
      `There is no signal ${id} in this activation; check the id.`,
      field,
    )
  );
}

function requireFinding(activation: OpenedActivation, id: string, field: string) {
  return (
    activation.findings.get(id) ??
    reject(
      ActivationErrorCode.FINDING_NOT_FOUND,
      `There is no finding ${id} in this activation; check the id.`,
      field,
    )
  );
}

function requireInspection(activation: OpenedActivation, id: string, field: string): InspectionStatus {
  return (
    activation.inspections.get(id) ??
    reject(
      ActivationErrorCode.INSPECTION_NOT_FOUND,
      `There is no inspection ${id} in this activation; schedule it first or check the id.`,
      field,
    )
  );
}

function requireScheduledInspection(activation: OpenedActivation, id: string): void {
  const status = requireInspection(activation, id, 'inspectionId');
  if (status === InspectionStatus.COMPLETED) {
    reject(
      ActivationErrorCode.INSPECTION_ALREADY_COMPLETED,
      `Inspection ${id} is already completed; record what else you found as a finding.`,
      'inspectionId',
    );
  }
  if (status === InspectionStatus.CANCELLED) {
    reject(
      ActivationErrorCode.INSPECTION_CANCELLED,
      `Inspection ${id} was cancelled; schedule a new inspection instead.`,
      'inspectionId',
    );
  }
}

function optionalInspection(activation: OpenedActivation, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const id = requireId(value, 'inspectionId', 'The inspection id');
  if (requireInspection(activation, id, 'inspectionId') === InspectionStatus.CANCELLED) {
    return reject(
      ActivationErrorCode.INSPECTION_CANCELLED,
      `Inspection ${id} was cancelled, so nothing can come from it; refer to an inspection that took place.`,
      'inspectionId',
    );
  }
  return id;
}

function optionalFindings(activation: OpenedActivation, values: unknown): string[] | undefined {
  const ids = optionalIds(values, 'findingIds', 'The finding id');
  ids?.forEach((id, i) => requireFinding(activation, id, `findingIds[${i}]`));
  return ids;
}

function event<T extends ActivationEventType>(
  type: T,
  data: ActivationEventDataMap[T],
): ActivationEventOf<T> {
  return { type, data };
}
