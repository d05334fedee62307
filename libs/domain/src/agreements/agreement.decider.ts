import { Actor, Role } from '../shared/actor.value.js';
import { parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decider, Decision, foldEvents, Prepared, prepareThenDecide } from '../shared/decider.js';
import { requireInstant } from '../shared/field.parser.js';
import { epochMillis, Instant } from '../shared/instant.value.js';
import { attempt, decided, INVALID_INPUT, reject } from '../shared/rejection.js';
import {
  AgreementCommand,
  AmendAgreement,
  ApproveAgreement,
  ExpireAgreement,
  ProposeAgreement,
  RejectAgreement,
  RevokeAgreement,
} from './agreement.commands.js';
import { parseAgreementCommand } from './agreement-command.parser.js';
import { AgreementError, AgreementErrorCode } from './agreement.errors.js';
import {
  AgreementEvent,
  AgreementEventDataMap,
  AgreementEventOf,
  AgreementEventType,
  AgreementTerms,
} from './agreement.events.js';
import {
  agreementParties,
  AgreementState,
  AgreementStatus,
  evolveAgreement,
  initialAgreementState,
  PendingProposal,
  RecordedAgreement,
} from './agreement.state.js';

export type AgreementDecision = Decision<AgreementEvent, AgreementError>;

/** Who decides on agreements and when; a scheduler's expiry has no actor. */
export interface AgreementContext {
  readonly actor?: Actor;
  readonly now: Instant;
}

/*
 * Checks run in a fixed order: who the actor is, the command's fields, whether the agreement exists and
 * the actor's agency is party to it (both answered alike: NOT_FOUND), whether it still applies, and only
 * then the rules between the fields. A policy admin manages agreements but reads no case data, so nothing
 * here looks at activations.
 */
export function prepareAgreementCommand(
  input: unknown,
  context: RawCommandContext,
): Prepared<AgreementCommand, AgreementContext, AgreementError> {
  return attempt(() => {
    if ((input as { type?: unknown } | null)?.type === 'ExpireAgreement') {
      return { command: parseAgreementCommand(input), context: { now: requireInstant(context.now, 'now') } };
    }
    const checked = parseCommandContext(context, [Role.POLICY_ADMIN], {
      code: AgreementErrorCode.ROLE_NOT_ALLOWED,
      message: (role) =>
        `The role ${role} cannot record data-sharing agreements; ask a policy admin to do it.`,
    });
    return { command: parseAgreementCommand(input), context: checked };
  });
}

/**
 * Whether the actor may know of this agreement at all, asked before its version is compared: an agreement
 * the actor's agency is not party to answers exactly what one that does not exist answers (ZGW
 * Autorisaties: beyond permission, it does not exist).
 */
export function admitAgreementCommand(
  command: AgreementCommand,
  state: AgreementState,
  context: AgreementContext,
): AgreementError | undefined {
  if (command.type === 'ProposeAgreement' || context.actor === undefined) return undefined;
  const admitted = decided(() => {
    requireParty(state, command.agreementId, context.actor as Actor);
    return [];
  });
  return admitted.ok ? undefined : (admitted.error as AgreementError);
}

export function decideAgreement(
  command: AgreementCommand,
  state: AgreementState,
  context: AgreementContext,
): AgreementDecision {
  return decided(() => {
    const { now } = context;
    if (command.type === 'ExpireAgreement') return expire(command, state, now);
    const actor = actorOf(context);
    if (command.type === 'ProposeAgreement') return propose(command, state, actor, now);
    const agreement = requireParty(state, command.agreementId, actor);
    switch (command.type) {
      case 'AmendAgreement':
        return amend(command, requireInForce(agreement, now, 'amend'), actor, now);
      case 'ApproveAgreement':
        return approve(command, agreement, actor, now);
      case 'RejectAgreement':
        return rejectProposal(command, agreement, actor);
      case 'RevokeAgreement':
        requireInForce(agreement, now, 'revoke');
        return revoke(command, actor);
    }
  });
}

/** Prepares and decides in one step: what a command as it arrived leads to. */
export const handleAgreementCommand = prepareThenDecide(
  prepareAgreementCommand,
  (command: AgreementCommand, state: AgreementState, context: AgreementContext): AgreementDecision => {
    const refused = admitAgreementCommand(command, state, context);
    return refused ? { ok: false, error: refused } : decideAgreement(command, state, context);
  },
);

export function foldAgreement(events: readonly AgreementEvent[]): AgreementState {
  return foldEvents(agreementDecider, events);
}

export const agreementDecider: Decider<
  AgreementCommand,
  AgreementEvent,
  AgreementState,
  AgreementError,
  AgreementContext
> = {
  initialState: initialAgreementState,
  decide: decideAgreement,
  evolve: evolveAgreement,
};

function actorOf(context: AgreementContext): Actor {
  // prepareAgreementCommand gives every command but an expiry a checked actor.
  return context.actor as Actor;
}

function propose(
  command: ProposeAgreement,
  state: AgreementState,
  actor: Actor,
  now: Instant,
): AgreementEvent[] {
  const { type: _type, agreementId, agency, approverAgency, reason, ...terms } = command;
  if (agency === approverAgency) {
    return reject(
      INVALID_INPUT,
      `An agreement needs two organisations: ${agency} cannot approve its own agreement. Name as approverAgency ` +
        'the other party (the agency that shares the data or coordinates the chain).',
      'approverAgency',
    );
  }
  if (actor.agency !== agency && actor.agency !== approverAgency) {
    return reject(
      AgreementErrorCode.NOT_A_PARTY,
      `Your agency ${actor.agency} is not a party to an agreement between ${agency} and ${approverAgency}; ` +
        'propose agreements for your own agency, or ones your agency approves.',
      'agency',
    );
  }
  if (state.recorded) {
    return reject(
      AgreementErrorCode.ALREADY_GRANTED,
      `The agreement id ${agreementId} is taken; choose a new id, or leave it out for one to be made.`,
      'agreementId',
    );
  }
  return [
    event('agreement.proposed', {
      agreementId,
      agency,
      approverAgency,
      ...checkTerms(terms, now),
      proposedBy: actor.userId,
      proposerAgency: actor.agency,
      ...(reason !== undefined && { reason }),
    }),
  ];
}

function amend(
  command: AmendAgreement,
  agreement: RecordedAgreement,
  actor: Actor,
  now: Instant,
): AgreementEvent[] {
  if (agreement.approverAgency === undefined) {
    return reject(
      AgreementErrorCode.NO_OTHER_PARTY,
      `Agreement ${agreement.agreementId} was recorded before changes needed a second organisation's approval and ` +
        'names no other party; propose a new agreement with the terms it should have, then revoke this one.',
    );
  }
  // One change at a time: the other party's change is decided first; one's own may be replaced by a newer one.
  const { pending } = agreement;
  if (pending !== undefined && pending.proposerAgency !== actor.agency) {
    return reject(
      AgreementErrorCode.PROPOSAL_PENDING,
      `A change of agreement ${agreement.agreementId} proposed by ${pending.proposedBy} (${pending.proposerAgency}) ` +
        'is waiting for your decision; approve or reject it first.',
    );
  }
  const terms = checkTerms(
    {
      categories: command.categories ?? agreement.categories,
      purpose: command.purpose ?? agreement.purpose,
      legalBasis: command.legalBasis ?? agreement.legalBasis,
      activities: command.activities ?? agreement.activities,
      validFrom: command.validFrom ?? agreement.validFrom,
      validUntil: command.validUntil === undefined ? agreement.validUntil : (command.validUntil ?? undefined),
      regionScope:
        command.regionScope === undefined ? agreement.regionScope : (command.regionScope ?? undefined),
    },
    now,
  );
  // Proposing what is already proposed (or, with nothing pending, in force) changes nothing: a retry must not fail.
  if (sameTerms(terms, pending ?? agreement)) return [];
  return [
    event('agreement.amendment-proposed', {
      ...terms,
      proposedBy: actor.userId,
      proposerAgency: actor.agency,
      reason: command.reason,
    }),
  ];
}

function requirePending(agreement: RecordedAgreement, actor: Actor, action: string): PendingProposal {
  const { pending } = agreement;
  if (pending === undefined) {
    return reject(
      AgreementErrorCode.NOTHING_PENDING,
      `Agreement ${agreement.agreementId} has no proposal waiting for a decision (it is ${agreement.status}); ` +
        'there is nothing to ' +
        action +
        '.',
    );
  }
  // Four eyes, two organisations: not the proposer, and no one else of the proposer's agency either.
  if (pending.proposerAgency === actor.agency || pending.proposedBy === actor.userId) {
    const other = agreementParties(agreement).find((party) => party !== pending.proposerAgency);
    return reject(
      AgreementErrorCode.OWN_PROPOSAL,
      `Your agency ${actor.agency} proposed this; a policy admin of ${other ?? 'the other party'} must ` +
        action +
        ' it.',
    );
  }
  return pending;
}

function approve(
  command: ApproveAgreement,
  agreement: RecordedAgreement,
  actor: Actor,
  now: Instant,
): AgreementEvent[] {
  const {
    kind: _kind,
    proposedBy: _by,
    proposerAgency: _agency,
    reason: _reason,
    ...terms
  } = requirePending(agreement, actor, 'approve');
  if (terms.validUntil !== undefined && epochMillis(now) >= epochMillis(terms.validUntil)) {
    return reject(
      AgreementErrorCode.ALREADY_EXPIRED,
      `The proposal for agreement ${agreement.agreementId} ends at ${terms.validUntil}, which has passed; ` +
        'reject it and propose one with a later end.',
    );
  }
  return [
    event('agreement.approved', {
      ...terms,
      approvedBy: actor.userId,
      approverAgency: actor.agency,
      reason: command.reason,
    }),
  ];
}

function rejectProposal(
  command: RejectAgreement,
  agreement: RecordedAgreement,
  actor: Actor,
): AgreementEvent[] {
  requirePending(agreement, actor, 'reject');
  return [
    event('agreement.rejected', {
      rejectedBy: actor.userId,
      rejecterAgency: actor.agency,
      reason: command.reason,
    }),
  ];
}

function revoke(command: RevokeAgreement, actor: Actor): AgreementEvent[] {
  return [
    event('agreement.revoked', {
      revokedBy: actor.userId,
      revokerAgency: actor.agency,
      reason: command.reason,
    }),
  ];
}

function expire(command: ExpireAgreement, state: AgreementState, now: Instant): AgreementEvent[] {
  const agreement = requireRecorded(state, command.agreementId);
  // Whatever ended it first, it has ended: a scheduler that asks again, or late, must not fail.
  if (agreement.status !== AgreementStatus.GRANTED) return [];
  if (agreement.validUntil === undefined) {
    return reject(
      AgreementErrorCode.EXPIRY_NOT_DUE,
      `Agreement ${agreement.agreementId} has no end date and does not expire; revoke it to end it.`,
    );
  }
  if (epochMillis(now) < epochMillis(agreement.validUntil)) {
    return reject(
      AgreementErrorCode.EXPIRY_NOT_DUE,
      `Agreement ${agreement.agreementId} is valid until ${agreement.validUntil}; it cannot expire before then.`,
    );
  }
  return [event('agreement.expired', { validUntil: agreement.validUntil })];
}

/** The rules between fields, and the terms as events carry them: optional ones left out, not undefined. */
function checkTerms(terms: AgreementTerms, now: Instant): AgreementTerms {
  const { validUntil, regionScope, ...rest } = terms;
  if (validUntil !== undefined) {
    if (epochMillis(validUntil) <= epochMillis(terms.validFrom)) {
      return reject(
        INVALID_INPUT,
        `The agreement would end (${validUntil}) before it starts (${terms.validFrom}); ` +
          'give an end after the start, or none.',
        'validUntil',
      );
    }
    if (epochMillis(validUntil) <= epochMillis(now)) {
      return reject(
        INVALID_INPUT,
        `The end ${validUntil} has already passed; give a later end, or revoke the agreement to end it now.`,
        'validUntil',
      );
    }
  }
  return {
    ...rest,
    ...(validUntil !== undefined && { validUntil }),
    ...(regionScope !== undefined && { regionScope }),
  };
}

function sameTerms(a: AgreementTerms, b: AgreementTerms): boolean {
  return (
    a.categories.join() === b.categories.join() &&
    a.activities.join() === b.activities.join() &&
    a.purpose === b.purpose &&
    a.legalBasis.text === b.legalBasis.text &&
    a.legalBasis.reference === b.legalBasis.reference &&
    epochMillis(a.validFrom) === epochMillis(b.validFrom) &&
    sameInstant(a.validUntil, b.validUntil) &&
    a.regionScope === b.regionScope
  );
}

function sameInstant(a: Instant | undefined, b: Instant | undefined): boolean {
  return a === undefined || b === undefined ? a === b : epochMillis(a) === epochMillis(b);
}

function requireRecorded(state: AgreementState, agreementId: string): RecordedAgreement {
  // A state for another stream means the caller loaded the wrong one; to the user it is just not there.
  if (state.recorded && state.agreementId === agreementId) return state;
  return notFound(agreementId);
}

/** The agreement, if the actor's agency is party to it; otherwise exactly what a missing one answers. */
function requireParty(state: AgreementState, agreementId: string, actor: Actor): RecordedAgreement {
  const agreement = requireRecorded(state, agreementId);
  if (!agreementParties(agreement).includes(actor.agency)) return notFound(agreementId);
  return agreement;
}

function notFound(agreementId: string): never {
  const { code, message, field } = agreementNotFound(agreementId);
  return reject(code, message, field);
}

/** What a missing agreement answers, and so what one the actor's agency is not party to answers. */
export function agreementNotFound(agreementId: string): Required<AgreementError> {
  return {
    code: AgreementErrorCode.NOT_FOUND,
    message: `Agreement ${String(agreementId)} does not exist; check the id, or propose the agreement first.`,
    field: 'agreementId',
  };
}

/** Whether `agency` is party to the agreement, and so may know of it (ZGW: beyond permission it does not exist). */
export function isPartyTo(state: AgreementState, agency: string): state is RecordedAgreement {
  return state.recorded && (agreementParties(state) as string[]).includes(agency);
}

/**
 * Only an agreement in force can be changed or revoked. One past its end no longer applies even before the
 * scheduler records the expiry, so it can no longer be amended (that would bring it back to life) or revoked.
 */
function requireInForce(agreement: RecordedAgreement, now: Instant, action: string): RecordedAgreement {
  if (agreement.status === AgreementStatus.REVOKED) {
    return reject(
      AgreementErrorCode.ALREADY_REVOKED,
      `Agreement ${agreement.agreementId} has been revoked, so there is nothing left to ${action}; ` +
        'propose a new agreement instead.',
    );
  }
  if (agreement.status === AgreementStatus.PROPOSED || agreement.status === AgreementStatus.REJECTED) {
    return reject(
      AgreementErrorCode.NOT_IN_FORCE,
      `Agreement ${agreement.agreementId} is ${agreement.status} and not in force, so there is nothing to ${action}; ` +
        (agreement.status === AgreementStatus.PROPOSED
          ? 'the other party approves or rejects the proposal.'
          : 'propose a new agreement instead.'),
    );
  }
  const { validUntil } = agreement;
  if (
    agreement.status === AgreementStatus.EXPIRED ||
    (validUntil !== undefined && epochMillis(now) >= epochMillis(validUntil))
  ) {
    return reject(
      AgreementErrorCode.ALREADY_EXPIRED,
      `Agreement ${agreement.agreementId} expired at ${String(validUntil)}, so there is nothing left to ${action}; ` +
        'propose a new agreement instead.',
    );
  }
  return agreement;
}

function event<T extends AgreementEventType>(type: T, data: AgreementEventDataMap[T]): AgreementEventOf<T> {
  return { type, data };
}
