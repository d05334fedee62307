import { Actor } from '../../shared/actor.value.js';
import { coordinates } from '../../shared/regional-coordination.value.js';
import { ActivationContext } from '../activation-context.js';
import { AgencyCode } from '../../shared/agency-code.value.js';
import { reject } from '../../shared/rejection.js';
import { ActivationErrorCode, activationNotVisibleMessage } from '../activation.errors.js';
import { ActivationEventDataMap, ActivationEventOf, ActivationEventType } from '../activation.events.js';
import { ActivationState, OpenedActivation } from '../activation.state.js';
import { ActivationStatus, InspectionStatus } from '../activation.vocabulary.js';

/*
 * The checks the activation's sub-deciders share: who may act, on what state, with which ids. Each
 * rejects with the code and a sentence the person can act on.
 */

export function requireOpened(state: ActivationState, activationId: string): OpenedActivation {
  // A state for another stream means the caller loaded the wrong one; to the user it is just not there.
  if (state.opened && state.activationId === activationId) return state;
  return notFound(activationId);
}

/** One answer for an activation that does not exist and one the caller may not see, to the byte. */
function notFound(activationId: string): never {
  return reject(ActivationErrorCode.NOT_FOUND, activationNotVisibleMessage(activationId), 'activationId');
}

export function isRegionalCoordinator(activation: OpenedActivation, context: ActivationContext): boolean {
  return coordinates(context.coordination, context.actor, activation.region);
}

/**
 * Whether the actor may know the activation exists: its agency takes part or is invited to, or it
 * coordinates the region. Anyone else is answered exactly as for an activation that does not exist.
 */
export function requireVisible(activation: OpenedActivation, context: ActivationContext): void {
  const { agency } = context.actor;
  if (activation.participants.includes(agency) || activation.invited.includes(agency)) return;
  if (isRegionalCoordinator(activation, context)) return;
  notFound(activation.activationId);
}

export function requireParticipant(activation: OpenedActivation, actor: Actor): void {
  if (activation.participants.includes(actor.agency)) return;
  reject(
    ActivationErrorCode.NOT_A_PARTICIPANT,
    `Agency ${actor.agency} does not take part in activation ${activation.activationId}; join it if it invited ` +
      `yours, or ask a participant or the coordinator of ${activation.region} for an invitation.`,
  );
}

export function requireParticipantOrRegionalCoordinator(
  activation: OpenedActivation,
  context: ActivationContext,
): void {
  if (isRegionalCoordinator(activation, context)) return;
  requireParticipant(activation, context.actor);
}

/**
 * The case's authority: the lead agency and the coordinator of its region file the report, close, reopen
 * and transfer the lead. Anyone else who takes part contributes, and may propose closing.
 */
export function requireCaseAuthority(
  activation: OpenedActivation,
  context: ActivationContext,
  action: string,
): void {
  if (isRegionalCoordinator(activation, context)) return;
  requireParticipant(activation, context.actor);
  if (context.actor.agency === activation.leadAgency) return;
  reject(
    ActivationErrorCode.NOT_CASE_AUTHORITY,
    `Only the lead agency ${activation.leadAgency} or the coordinator of ${activation.region} may ${action} ` +
      `activation ${activation.activationId}; ${
        action === 'close'
          ? 'propose closing it (proposeClosing) instead'
          : `ask ${activation.leadAgency} or the coordinator of ${activation.region} to do it`
      }.`,
  );
}

export function requireNotClosed(activation: OpenedActivation, action: string): void {
  if (activation.status !== ActivationStatus.CLOSED) return;
  reject(
    ActivationErrorCode.ACTIVATION_CLOSED,
    `Activation ${activation.activationId} is closed; reopen it, with a reason, before you ${action}.`,
  );
}

export function requireNewId(exists: boolean, what: string, id: string, field: string): void {
  if (!exists) return;
  reject(
    ActivationErrorCode.DUPLICATE_ID,
    `${/^[aeiou]/i.test(what) ? 'An' : 'A'} ${what} with id ${id} already exists in this activation; use a new id.`,
    field,
  );
}

export function requireAllParticipate(
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

export function requireSignal(activation: OpenedActivation, id: string, field: string) {
  const entry = activation.signals.get(id);
  if (entry?.withdrawn) {
    reject(
      ActivationErrorCode.ENTRY_WITHDRAWN,
      `Signal ${id} was withdrawn from this activation as misfiled; name one that stands.`,
      field,
    );
  }
  return (
    entry ??
    reject(
      ActivationErrorCode.SIGNAL_NOT_FOUND,
      `There is no signal ${id} in this activation; check the id.`,
      field,
    )
  );
}

export function requireFinding(activation: OpenedActivation, id: string, field: string) {
  const entry = activation.findings.get(id);
  if (entry?.withdrawn) {
    reject(
      ActivationErrorCode.ENTRY_WITHDRAWN,
      `Finding ${id} was withdrawn from this activation as misfiled; name one that stands.`,
      field,
    );
  }
  return (
    entry ??
    reject(
      ActivationErrorCode.FINDING_NOT_FOUND,
      `There is no finding ${id} in this activation; check the id.`,
      field,
    )
  );
}

export function requireInspection(activation: OpenedActivation, id: string, field: string): InspectionStatus {
  return (
    activation.inspections.get(id) ??
    reject(
      ActivationErrorCode.INSPECTION_NOT_FOUND,
      `There is no inspection ${id} in this activation; schedule it first or check the id.`,
      field,
    )
  );
}

export function requireScheduledInspection(activation: OpenedActivation, id: string): void {
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

/** An inspection something came from: it must exist and not have been cancelled. */
export function requireHeldInspection(activation: OpenedActivation, id: string | undefined): void {
  if (id === undefined) return;
  if (requireInspection(activation, id, 'inspectionId') === InspectionStatus.CANCELLED) {
    reject(
      ActivationErrorCode.INSPECTION_CANCELLED,
      `Inspection ${id} was cancelled, so nothing can come from it; refer to an inspection that took place.`,
      'inspectionId',
    );
  }
}

export function requireFindings(activation: OpenedActivation, ids: readonly string[] | undefined): void {
  ids?.forEach((id, i) => requireFinding(activation, id, `findingIds[${i}]`));
}

export function event<T extends ActivationEventType>(
  type: T,
  data: ActivationEventDataMap[T],
): ActivationEventOf<T> {
  return { type, data };
}
