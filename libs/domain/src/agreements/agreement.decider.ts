import { Actor, Role } from '../shared/actor.value.js';
import { parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decider, Decision, foldEvents, Prepared, prepareThenDecide } from '../shared/decider.js';
import { requireInstant } from '../shared/field.parser.js';
import { epochMillis, Instant } from '../shared/instant.value.js';
import { attempt, decided, INVALID_INPUT, reject } from '../shared/rejection.js';
import {
  AgreementCommand,
  AmendAgreement,
  ExpireAgreement,
  GrantAgreement,
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
  AgreementState,
  AgreementStatus,
  evolveAgreement,
  GrantedAgreement,
  initialAgreementState,
} from './agreement.state.js';

export type AgreementDecision = Decision<AgreementEvent, AgreementError>;

/** Who decides on agreements and when; a scheduler's expiry has no actor. */
export interface AgreementContext {
  readonly actor?: Actor;
  readonly now: Instant;
}

/*
 * Checks run in a fixed order: who the actor is, the command's fields, whether the agreement exists,
 * whether it still applies, and only then the rules between the fields. A policy admin manages
 * agreements but reads no case data, so nothing here looks at activations.
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

export function decideAgreement(
  command: AgreementCommand,
  state: AgreementState,
  context: AgreementContext,
): AgreementDecision {
  return decided(() => {
    const { now } = context;
    switch (command.type) {
      case 'ExpireAgreement':
        return expire(command, state, now);
      case 'GrantAgreement':
        return grant(command, state, actorOf(context), now);
      case 'AmendAgreement':
        return amend(
          command,
          requireInForce(state, command.agreementId, now, 'amend'),
          actorOf(context),
          now,
        );
      case 'RevokeAgreement':
        requireInForce(state, command.agreementId, now, 'revoke');
        return revoke(command, actorOf(context));
    }
  });
}

/** Prepares and decides in one step: what a command as it arrived leads to. */
export const handleAgreementCommand = prepareThenDecide(prepareAgreementCommand, decideAgreement);

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

function grant(command: GrantAgreement, state: AgreementState, actor: Actor, now: Instant): AgreementEvent[] {
  const { type: _type, agreementId, agency, ...terms } = command;
  if (state.granted) {
    return reject(
      AgreementErrorCode.ALREADY_GRANTED,
      `Agreement ${agreementId} already exists; amend it, or choose a new id for a new agreement.`,
      'agreementId',
    );
  }
  return [
    event('agreement.granted', { agreementId, agency, ...checkTerms(terms, now), grantedBy: actor.userId }),
  ];
}

function amend(
  command: AmendAgreement,
  agreement: GrantedAgreement,
  actor: Actor,
  now: Instant,
): AgreementEvent[] {
  const terms = checkTerms(
    {
      categories: command.categories ?? agreement.categories,
      purpose: command.purpose ?? agreement.purpose,
      legalBasis: command.legalBasis ?? agreement.legalBasis,
      validFrom: command.validFrom ?? agreement.validFrom,
      validUntil: command.validUntil === undefined ? agreement.validUntil : (command.validUntil ?? undefined),
      regionScope:
        command.regionScope === undefined ? agreement.regionScope : (command.regionScope ?? undefined),
    },
    now,
  );
  // Sending the same amendment again changes nothing and should not fail a retry.
  if (sameTerms(terms, agreement)) return [];
  return [
    event('agreement.amended', {
      ...terms,
      amendedBy: actor.userId,
      ...(command.reason !== undefined && { reason: command.reason }),
    }),
  ];
}

function revoke(command: RevokeAgreement, actor: Actor): AgreementEvent[] {
  return [event('agreement.revoked', { revokedBy: actor.userId, reason: command.reason })];
}

function expire(command: ExpireAgreement, state: AgreementState, now: Instant): AgreementEvent[] {
  const agreement = requireGranted(state, command.agreementId);
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

function requireGranted(state: AgreementState, agreementId: string): GrantedAgreement {
  // A state for another stream means the caller loaded the wrong one; to the user it is just not there.
  if (state.granted && state.agreementId === agreementId) return state;
  return reject(
    AgreementErrorCode.NOT_FOUND,
    `Agreement ${String(agreementId)} does not exist; check the id, or grant the agreement first.`,
    'agreementId',
  );
}

/**
 * An agreement past its end no longer applies even before the scheduler records the expiry, so it can no
 * longer be amended (that would bring it back to life; grant a new one) or revoked.
 */
function requireInForce(
  state: AgreementState,
  agreementId: string,
  now: Instant,
  action: string,
): GrantedAgreement {
  const agreement = requireGranted(state, agreementId);
  if (agreement.status === AgreementStatus.REVOKED) {
    return reject(
      AgreementErrorCode.ALREADY_REVOKED,
      `Agreement ${agreement.agreementId} has been revoked, so there is nothing left to ${action}; ` +
        'grant a new agreement instead.',
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
        'grant a new agreement instead.',
    );
  }
  return agreement;
}

function event<T extends AgreementEventType>(type: T, data: AgreementEventDataMap[T]): AgreementEventOf<T> {
  return { type, data };
}
