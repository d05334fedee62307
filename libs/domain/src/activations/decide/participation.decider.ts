import { CommandContext } from '../../shared/command-context.js';
import { reject } from '../../shared/rejection.js';
import {
  DecideIntegratedDeployment,
  InviteAgency,
  JoinActivation,
  LeaveActivation,
} from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';
import { ActivationEvent } from '../activation.events.js';
import { OpenedActivation } from '../activation.state.js';
import {
  event,
  requireAllParticipate,
  requireNotClosed,
  requireParticipant,
  requireParticipantOrRegionalCoordinator,
} from './activation.guards.js';

/** Who sits at the table: invitations, joining, leaving, and the decision to act as one. */

export function invite(
  command: InviteAgency,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'invite an agency');
  const { agency } = command;
  // Asking twice, or asking someone already at the table, changes nothing and should not fail a retry.
  if (activation.participants.includes(agency) || activation.invited.includes(agency)) return [];
  return [event('agency.invited', { agency, invitedBy: actor.agency })];
}

export function join(
  _command: JoinActivation,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
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

export function leave(
  command: LeaveActivation,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipant(activation, actor);
  requireNotClosed(activation, 'leave');
  if (actor.agency === activation.leadAgency) {
    return reject(
      ActivationErrorCode.LEAD_AGENCY_CANNOT_LEAVE,
      `Agency ${actor.agency} leads activation ${activation.activationId} and cannot leave it; close the ` +
        'activation with a report instead.',
    );
  }
  return [
    event('agency.left', {
      agency: actor.agency,
      ...(command.reason !== undefined && { reason: command.reason }),
    }),
  ];
}

export function decideIntegratedDeployment(
  command: DecideIntegratedDeployment,
  activation: OpenedActivation,
  { actor }: CommandContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, actor);
  requireNotClosed(activation, 'decide on integrated deployment');
  const { integrated, agencies, rationale } = command;
  requireAllParticipate(activation, agencies, 'agencies');
  return [event('integrated-deployment.decided', { integrated, agencies, rationale })];
}
