import { Actor, parseActor, Role } from '../shared/actor.value.js';
import { parseAgencyCode } from '../shared/agency-code.value.js';
import { Decider, Decision, foldEvents } from '../shared/decider.js';
import { epochMillis, Instant } from '../shared/instant.value.js';
import { parseSafetyRegion, SafetyRegion } from '../shared/safety-region.value.js';
import {
  AgreementCommand,
  AmendAgreement,
  ExpireAgreement,
  GrantAgreement,
  RevokeAgreement,
} from './agreement.commands.js';
import { AgreementError, AgreementErrorCode, AgreementRejection, reject } from './agreement.errors.js';
import {
  AgreementEvent,
  AgreementEventDataMap,
  AgreementEventOf,
  AgreementEventType,
  AgreementTerms,
} from './agreement.events.js';
import {
  isAbsent,
  optionalText,
  parseCategories,
  parsedOrReject,
  parseLegalBasis,
  requireId,
  requireInstant,
  requireText,
} from './agreement-input.parser.js';
import {
  AgreementState,
  AgreementStatus,
  evolveAgreement,
  GrantedAgreement,
  initialAgreementState,
} from './agreement.state.js';

export type AgreementDecision = Decision<AgreementEvent, AgreementError>;

/*
 * Checks run in a fixed order: who the actor is, whether the agreement exists, whether it still applies,
 * whether the input is well-formed, and only then the rules between the fields. A policy admin manages
 * agreements but reads no case data, so nothing here looks at activations.
 */
export function decideAgreement(command: AgreementCommand, state: AgreementState): AgreementDecision {
  try {
    return { ok: true, events: decideOrReject(command, state) };
  } catch (error) {
    if (error instanceof AgreementRejection) return { ok: false, error: error.error };
    throw error;
  }
}

export function foldAgreement(events: readonly AgreementEvent[]): AgreementState {
  return foldEvents(agreementDecider, events);
}

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState, AgreementError> = {
  initialState: initialAgreementState,
  decide: decideAgreement,
  evolve: evolveAgreement,
};

function decideOrReject(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  if (command.type === 'ExpireAgreement') return expire(command, state);
  const actor = parsedOrReject(parseActor(command.actor ?? {}), 'actor');
  if (actor.role !== Role.POLICY_ADMIN) {
    return reject(
      AgreementErrorCode.ROLE_NOT_ALLOWED,
      `The role ${actor.role} cannot record data-sharing agreements; ask a policy admin to do it.`,
    );
  }
  const now = requireInstant(command.now, 'now');
  switch (command.type) {
    case 'GrantAgreement':
      return grant(command, state, actor, now);
    case 'AmendAgreement':
      return amend(command, requireInForce(state, command.agreementId, now, 'amend'), actor, now);
    case 'RevokeAgreement':
      requireInForce(state, command.agreementId, now, 'revoke');
      return revoke(command, actor);
    default:
      return unknownCommand(command);
  }
}

// Commands may arrive as JSON that never met the types; an unknown type must be refused, not ignored.
function unknownCommand(command: never): never {
  return reject(
    AgreementErrorCode.INVALID_INPUT,
    `${JSON.stringify((command as { type?: unknown }).type)} is not an agreement command; check the command type.`,
    'type',
  );
}

function grant(command: GrantAgreement, state: AgreementState, actor: Actor, now: Instant): AgreementEvent[] {
  const agreementId = requireId(command.agreementId, 'agreementId');
  if (state.granted) {
    return reject(
      AgreementErrorCode.ALREADY_GRANTED,
      `Agreement ${agreementId} already exists; amend it, or choose a new id for a new agreement.`,
      'agreementId',
    );
  }
  const agency = parsedOrReject(parseAgencyCode(command.agency), 'agency');
  const terms = checkTerms(
    {
      categories: parseCategories(command.categories, 'categories'),
      purpose: requireText(command.purpose, 'purpose', 'The purpose'),
      legalBasis: parseLegalBasis(command.legalBasis, 'legalBasis'),
      validFrom: requireInstant(command.validFrom, 'validFrom'),
      validUntil: isAbsent(command.validUntil) ? undefined : requireInstant(command.validUntil, 'validUntil'),
      regionScope: optionalRegion(command.regionScope),
    },
    now,
  );
  return [event('agreement.granted', { agreementId, agency, ...terms, grantedBy: actor.userId })];
}

function amend(
  command: AmendAgreement,
  agreement: GrantedAgreement,
  actor: Actor,
  now: Instant,
): AgreementEvent[] {
  const changes = ['categories', 'purpose', 'legalBasis', 'validFrom', 'validUntil', 'regionScope'] as const;
  if (!changes.some((field) => command[field] !== undefined)) {
    return reject(
      AgreementErrorCode.INVALID_INPUT,
      `The amendment of agreement ${agreement.agreementId} changes nothing; give the categories, purpose, ` +
        'legal basis, validity or region scope it should have.',
    );
  }
  const terms = checkTerms(
    {
      categories:
        command.categories === undefined
          ? agreement.categories
          : parseCategories(command.categories, 'categories'),
      purpose:
        command.purpose === undefined
          ? agreement.purpose
          : requireText(command.purpose, 'purpose', 'The purpose'),
      legalBasis:
        command.legalBasis === undefined
          ? agreement.legalBasis
          : parseLegalBasis(command.legalBasis, 'legalBasis'),
      validFrom:
        command.validFrom === undefined
          ? agreement.validFrom
          : requireInstant(command.validFrom, 'validFrom'),
      validUntil:
        command.validUntil === undefined
          ? agreement.validUntil
          : command.validUntil === null
            ? undefined
            : requireInstant(command.validUntil, 'validUntil'),
      regionScope:
        command.regionScope === undefined ? agreement.regionScope : optionalRegion(command.regionScope),
    },
    now,
  );
  const reason = optionalText(command.reason, 'reason', 'The reason');
  // Sending the same amendment again changes nothing and should not fail a retry.
  if (sameTerms(terms, agreement)) return [];
  return [
    event('agreement.amended', {
      ...terms,
      amendedBy: actor.userId,
      ...(reason !== undefined && { reason }),
    }),
  ];
}

function revoke(command: RevokeAgreement, actor: Actor): AgreementEvent[] {
  const reason = requireText(command.reason, 'reason', 'The reason for revoking');
  return [event('agreement.revoked', { revokedBy: actor.userId, reason })];
}

function expire(command: ExpireAgreement, state: AgreementState): AgreementEvent[] {
  const now = requireInstant(command.now, 'now');
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

interface ParsedTerms extends Omit<AgreementTerms, 'validUntil' | 'regionScope'> {
  readonly validUntil: Instant | undefined;
  readonly regionScope: SafetyRegion | undefined;
}

/** The rules between fields, and the terms as events carry them: optional ones left out, not undefined. */
function checkTerms(terms: ParsedTerms, now: Instant): AgreementTerms {
  const { validUntil, regionScope, ...rest } = terms;
  if (validUntil !== undefined) {
    if (epochMillis(validUntil) <= epochMillis(terms.validFrom)) {
      return reject(
        AgreementErrorCode.INVALID_INPUT,
        `The agreement would end (${validUntil}) before it starts (${terms.validFrom}); ` +
          'give an end after the start, or none.',
        'validUntil',
      );
    }
    if (epochMillis(validUntil) <= epochMillis(now)) {
      return reject(
        AgreementErrorCode.INVALID_INPUT,
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

function optionalRegion(value: unknown): SafetyRegion | undefined {
  return isAbsent(value) ? undefined : parsedOrReject(parseSafetyRegion(value), 'regionScope');
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
