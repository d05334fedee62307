import { ActivationContext } from '../activation-context.js';
import { reject } from '../../shared/rejection.js';
import { NATIONAL_TEAM } from '../../shared/agency-code.value.js';
import {
  DecideIntegratedDeployment,
  DeclineInvitation,
  InviteAgency,
  JoinActivation,
  LeaveActivation,
} from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';
import { requireTextsFit } from './narrative.guards.js';
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
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, context);
  requireNotClosed(activation, 'invite an agency');
  const { agency } = command;
  // The national team reads figures of every activation and takes part in none: as a participant it
  // would get a feed and an inbox its tokens may not read.
  if (agency === NATIONAL_TEAM) {
    reject(
      ActivationErrorCode.INVALID_INPUT,
      `${NATIONAL_TEAM} is the national coordinating team: it sees the figures of every activation and takes part in none; invite an agency that works the case.`,
      'agency',
    );
  }
  // Asking twice, or asking someone already at the table, changes nothing and should not fail a retry.
  if (activation.participants.includes(agency) || activation.invited.includes(agency)) return [];
  requireTextsFit(activation.persons, { reason: command.reason });
  return [
    event('agency.invited', {
      agency,
      invitedBy: context.actor.agency,
      ...(command.reason !== undefined && { reason: command.reason }),
    }),
  ];
}

/** An invited agency says no, with the reason the inviter reads on the joint timeline. */
export function decline(
  command: DeclineInvitation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  const { agency } = context.actor;
  if (!activation.invited.includes(agency)) {
    return reject(
      ActivationErrorCode.NOT_INVITED,
      `Agency ${agency} has no open invitation to activation ${activation.activationId}; only an invitation ` +
        'waiting in your inbox can be declined.',
    );
  }
  requireTextsFit(activation.persons, { reason: command.reason });
  return [event('invitation.declined', { agency, reason: command.reason })];
}

export function join(
  _command: JoinActivation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireNotClosed(activation, 'join');
  if (activation.participants.includes(context.actor.agency)) return [];
  if (!activation.invited.includes(context.actor.agency)) {
    return reject(
      ActivationErrorCode.NOT_INVITED,
      `Agency ${context.actor.agency} has not been invited to activation ${activation.activationId}; ask a participant ` +
        `or the coordinator of ${activation.region} to invite it.`,
    );
  }
  return [event('agency.joined', { agency: context.actor.agency })];
}

export function leave(
  command: LeaveActivation,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  // A closed activation can be left too: an agency done with a case need not stay at its table.
  requireParticipant(activation, context.actor);
  if (context.actor.agency === activation.leadAgency) {
    return reject(
      ActivationErrorCode.LEAD_AGENCY_CANNOT_LEAVE,
      `Agency ${context.actor.agency} leads activation ${activation.activationId} and cannot leave it; transfer ` +
        `the lead to another participant first (transferLead), or close the activation with a report.`,
    );
  }
  requireTextsFit(activation.persons, { reason: command.reason });
  return [
    event('agency.left', {
      agency: context.actor.agency,
      ...(command.reason !== undefined && { reason: command.reason }),
    }),
  ];
}

export function decideIntegratedDeployment(
  command: DecideIntegratedDeployment,
  activation: OpenedActivation,
  context: ActivationContext,
): ActivationEvent[] {
  requireParticipantOrRegionalCoordinator(activation, context);
  requireNotClosed(activation, 'decide on integrated deployment');
  const { integrated, agencies, rationale } = command;
  requireAllParticipate(activation, agencies, 'agencies');
  requireTextsFit(activation.persons, { rationale });
  return [event('integrated-deployment.decided', { integrated, agencies, rationale })];
}
