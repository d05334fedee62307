import { coordinates } from '../../shared/regional-coordination.value.js';
import { ActivationContext } from '../activation-context.js';
import { reject } from '../../shared/rejection.js';
import {
  CloseActivation,
  EscalateActivation,
  OpenActivation,
  ProposeClosing,
  ReopenActivation,
  TransferLead,
} from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';
import { requireOnePersonPerSubject } from './subject.guards.js';
import { namesPersons, requireTextsFit } from './narrative.guards.js';
import { ActivationEvent } from '../activation.events.js';
import { ActivationState, OpenedActivation } from '../activation.state.js';
import { ActivationKind, ActivationStatus, InspectionStatus } from '../activation.vocabulary.js';
import {
  event,
  requireAllParticipate,
  requireCaseAuthority,
  requireFinding,
  requireParticipant,
  requireNotClosed,
  requireParticipantOrRegionalCoordinator,
  requireSignal,
} from './activation.guards.js';

/** Opening, escalating, closing and reopening: the activation's life from start to end and back. */

export function open(
  command: OpenActivation,
  state: ActivationState,
  context: ActivationContext,
): ActivationEvent[] {
  const { activationId, region, leadAgency, kind, initialSignal: signal } = command;
  if (state.opened) {
    return reject(
      ActivationErrorCode.ALREADY_OPENED,
      // The same sentence whether the caller may see that activation or not: it learns only that the id is taken.
      `The id ${activationId} is already in use; leave activationId out so keten chooses one, or choose another.`,
      'activationId',
    );
  }
  if (leadAgency !== context.actor.agency && !coordinates(context.coordination, context.actor, region)) {
    return reject(
      ActivationErrorCode.NOT_LEAD_AGENCY,
      `Agency ${context.actor.agency} cannot open an activation led by ${leadAgency}; name your own agency as lead, ` +
        `or ask the coordinator of ${region} to open it.`,
      'leadAgency',
    );
  }
  if (kind === ActivationKind.REPRESSIVE && signal?.confirmedInfection !== true) {
    return reject(
      ActivationErrorCode.CONFIRMED_INFECTION_REQUIRED,
      'A repressive activation must name the confirmed infection that triggered it; add the initial signal ' +
        'with confirmedInfection set, or open the activation as PREVENTIVE.',
      'initialSignal',
    );
  }
  requireOnePersonPerSubject(new Map(), signal?.subjects, 'initialSignal.subjects');
  requireTextsFit(
    undefined,
    {
      title: command.title,
      ...(signal && {
        'initialSignal.description': signal.description,
        'initialSignal.healthDetail': signal.healthDetail,
      }),
    },
    signal ? { subjects: signal.subjects, namesPersons: namesPersons(signal) } : undefined,
  );
  if (kind === ActivationKind.PREVENTIVE && signal?.confirmedInfection === true) {
    return reject(
      ActivationErrorCode.KIND_CONFLICT,
      'The initial signal reports a confirmed infection, so the activation is repressive; open it as REPRESSIVE.',
      'kind',
    );
  }
  const opened = event('activation.opened', {
    activationId,
    title: command.title,
    ...(context.caseNumber && { caseNumber: context.caseNumber }),
    kind,
    trigger: command.trigger,
    themes: command.themes,
    region,
    municipality: command.municipality,
    leadAgency,
    ...(command.location && { location: command.location }),
    ...(command.employer && { employer: command.employer }),
    ...(kind === ActivationKind.REPRESSIVE &&
      signal && { triggeredBy: { kind: 'SIGNAL' as const, id: signal.signalId } }),
  });
  if (!signal) return [opened];
  const { signalId, ...rest } = signal;
  return [opened, event('signal.recorded', { signalId, recordedBy: context.actor.agency, ...rest })];
}

export function escalate(
  command: EscalateActivation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, context);
  requireNotClosed(activation, 'escalate');
  const { kind, id } = command.triggeredBy;
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

export function close(
  command: CloseActivation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireCaseAuthority(activation, context, 'close');
  requireNotClosed(activation, 'close it again');
  if (!activation.reportFiled) {
    return reject(
      ActivationErrorCode.REPORT_REQUIRED,
      `Activation ${activation.activationId} has no report filed since it was ` +
        `${activation.reportIds.size > 0 ? 'reopened' : 'opened'}; file the report (procesverslag) first.`,
    );
  }
  requireTextsFit(activation.persons, { outcome: command.outcome });
  const outstanding = [...activation.inspections]
    .filter(([, status]) => status === InspectionStatus.SCHEDULED)
    .map(([id]) => id);
  if (outstanding.length > 0) {
    return reject(
      ActivationErrorCode.INSPECTIONS_OUTSTANDING,
      `Inspection ${outstanding.join(', ')} is still scheduled; complete or cancel it before closing.`,
    );
  }
  return [event('activation.closed', { outcome: command.outcome })];
}

export function reopen(
  command: ReopenActivation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireCaseAuthority(activation, context, 'reopen');
  if (activation.status !== ActivationStatus.CLOSED) {
    return reject(
      ActivationErrorCode.ACTIVATION_NOT_CLOSED,
      `Activation ${activation.activationId} is not closed, so there is nothing to reopen; carry on working on it.`,
    );
  }
  requireTextsFit(activation.persons, { reason: command.reason });
  return [event('activation.reopened', { reason: command.reason })];
}

export function transferLead(
  command: TransferLead,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireCaseAuthority(activation, context, 'transfer the lead of');
  requireNotClosed(activation, 'transfer the lead');
  const { toAgency, reason } = command;
  // Naming the agency that already leads changes nothing and should not fail a retry.
  if (toAgency === activation.leadAgency) return [];
  requireAllParticipate(activation, [toAgency], 'toAgency');
  requireTextsFit(activation.persons, { reason });
  return [
    event('lead.transferred', {
      fromAgency: activation.leadAgency,
      toAgency,
      ...(reason !== undefined && { reason }),
    }),
  ];
}

export function proposeClosing(
  command: ProposeClosing,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'propose closing it');
  requireTextsFit(activation.persons, { reason: command.reason });
  return [event('closing.proposed', { proposedBy: context.actor.agency, reason: command.reason })];
}
