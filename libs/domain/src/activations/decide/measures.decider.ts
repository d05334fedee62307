import { ActivationContext } from '../activation-context.js';
import { INVALID_INPUT, reject } from '../../shared/rejection.js';
import { ImposeIntervention, MakeReferral } from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import { requireTextsFit } from './narrative.guards.js';
import { InterventionType } from '../activation.vocabulary.js';
import {
  event,
  requireFindings,
  requireHeldInspection,
  requireNewId,
  requireNotClosed,
  requireParticipant,
} from './activation.guards.js';

/** Measures one agency takes under its own powers: interventions on an employer, referrals to another agency. */

export function imposeIntervention(
  command: ImposeIntervention,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'impose an intervention');
  const { interventionId, interventionType, description } = command;
  requireNewId(
    activation.interventionIds.has(interventionId),
    'intervention',
    interventionId,
    'interventionId',
  );
  const addressee =
    command.addressee ??
    activation.employer ??
    reject(
      ActivationErrorCode.EMPLOYER_REQUIRED,
      'The activation names no employer to address the intervention to; give the addressee.',
      'addressee',
    );
  const location =
    command.location ??
    (interventionType === InterventionType.CLOSURE
      ? (activation.location ??
        reject(
          ActivationErrorCode.LOCATION_REQUIRED,
          'A closure needs the address it closes, and the activation names none; give the location.',
          'location',
        ))
      : undefined);
  requireHeldInspection(activation, command.inspectionId);
  requireFindings(activation, command.findingIds);
  requireTextsFit(activation.persons, { description });
  return [
    event('intervention.imposed', {
      interventionId,
      interventionType,
      imposedBy: context.actor.agency,
      addressee,
      description,
      ...(command.amountEuroCents !== undefined && { amountEuroCents: command.amountEuroCents }),
      ...(command.legalBasis !== undefined && { legalBasis: command.legalBasis }),
      ...(location !== undefined && { location }),
      ...(command.inspectionId !== undefined && { inspectionId: command.inspectionId }),
      ...findingReferences(activation, command.findingIds),
    }),
  ];
}

export function makeReferral(
  command: MakeReferral,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipant(activation, context.actor);
  requireNotClosed(activation, 'make a referral');
  const { referralId, toAgency, reason } = command;
  requireNewId(activation.referralIds.has(referralId), 'referral', referralId, 'referralId');
  if (toAgency === context.actor.agency) {
    return reject(
      INVALID_INPUT,
      `Agency ${context.actor.agency} cannot refer to itself; name the agency that should take the matter up.`,
      'toAgency',
    );
  }
  requireHeldInspection(activation, command.inspectionId);
  requireFindings(activation, command.findingIds);
  requireTextsFit(activation.persons, { reason });
  return [
    event('referral.made', {
      referralId,
      fromAgency: context.actor.agency,
      toAgency,
      reason,
      ...(command.inspectionId !== undefined && { inspectionId: command.inspectionId }),
      ...findingReferences(activation, command.findingIds),
    }),
  ];
}

/**
 * Findings a measure rests on, with their categories: a reference carries the category of what it points
 * to, so an agency that may not see a CRIMINAL finding does not learn from a fine that one exists.
 */
function findingReferences(activation: OpenedActivation, findingIds: readonly string[] | undefined) {
  if (findingIds === undefined) return {};
  const categories = findingIds.map((id) => activation.findings.get(id)!.category);
  return { findingIds, findingCategories: [...new Set(categories)].sort() };
}
