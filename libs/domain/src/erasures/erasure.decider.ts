import { Actor, Role } from '../shared/actor.value.js';
import { bsnsIn, parseBsn } from '../shared/bsn.value.js';
import { parseCommand, RawFields } from '../shared/command.parser.js';
import { CommandContext, parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decision, foldEvents, Prepared } from '../shared/decider.js';
import { isAbsent, parsedOrReject, requireId, requireOneOf, requireText } from '../shared/field.parser.js';
import { attempt, decided, INVALID_INPUT, reject } from '../shared/rejection.js';
import { ErasureCommand, ErasureCommandType, ErasureSubject } from './erasure.commands.js';
import { ErasureError, ErasureErrorCode as E } from './erasure.errors.js';
import {
  ERASURE_GROUNDS,
  ErasureEvent,
  ErasureEventDataMap,
  ErasureGround,
  ErasureTarget,
} from './erasure.events.js';
import { ErasureState, ErasureStatus, evolveErasure, initialErasureState } from './erasure.state.js';

export type ErasureDecision = Decision<ErasureEvent, ErasureError>;

/**
 * How a subject becomes the pseudonym its keys are filed under. The caller holds the secret behind it; the
 * domain only needs the function, so that an erasure's events never hold the BSN they erase.
 */
export interface SubjectPseudonyms {
  ofBsn(bsn: string): string;
  ofCaseSubject(activationId: string, subjectId: string): string;
}

export interface ErasureContext extends CommandContext {
  readonly pseudonyms: SubjectPseudonyms;
}

const REASON_MAX = 2_000;

/** A reason outlives the erasure it explains: it may say why, never whom. */
function requireReason(input: RawFields): string {
  const reason = requireText(input.reason, 'reason', 'The reason', REASON_MAX);
  if (bsnsIn(reason).length > 0) {
    return reject(
      INVALID_INPUT,
      'The reason names a BSN, and it is kept after the erasure; say why without naming the person.',
      'reason',
    );
  }
  return reason;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * An erasure's id is written on the timeline of every agency in the case (personal-data.erased), so it may
 * say nothing but which erasure: a UUID, never words a person chose (a name in an id would outlive the
 * erasure of that name).
 */
export function isErasureUuid(value: string): boolean {
  return UUID.test(value);
}

function requireErasureUuid(erasureId: string): void {
  if (!isErasureUuid(erasureId)) {
    reject(
      INVALID_INPUT,
      'The erasure id must be a UUID (such as 9b2f6c1e-4d3a-4f7b-8a21-5c0e9d7b3a64): every agency in the case sees it, so it may say nothing else.',
      'erasureId',
    );
  }
}

function parseSubject(input: RawFields): ErasureSubject {
  const byBsn = !isAbsent(input.bsn);
  const byCase = !isAbsent(input.activationId) || !isAbsent(input.subjectId);
  if (byBsn === byCase) {
    return reject(
      INVALID_INPUT,
      'Name whom to erase: a person by BSN (in every case), or one subject of one activation by activationId and subjectId — one of the two.',
      byBsn ? 'activationId' : 'bsn',
    );
  }
  if (byBsn) return { bsn: parsedOrReject(parseBsn(input.bsn), 'bsn') };
  return {
    activationId: requireId(input.activationId, 'activationId', 'The activation id'),
    subjectId: requireId(input.subjectId, 'subjectId', 'The subject id'),
  };
}

const PARSERS: { readonly [T in ErasureCommandType]: (input: RawFields) => object } = {
  RequestErasure: (input) => ({
    subject: parseSubject(input),
    ground: requireOneOf(input.ground, ERASURE_GROUNDS, 'ground', 'The legal ground') as ErasureGround,
    reason: requireReason(input),
  }),
  ApproveErasure: (input) => ({ reason: requireReason(input) }),
  RejectErasure: (input) => ({ reason: requireReason(input) }),
};

export function prepareErasureCommand(
  input: unknown,
  context: RawCommandContext & { readonly pseudonyms: SubjectPseudonyms },
): Prepared<ErasureCommand, ErasureContext, ErasureError> {
  return attempt(() => {
    const checked = parseCommandContext(context, [Role.PRIVACY_OFFICER], {
      code: E.ROLE_NOT_ALLOWED,
      message: (role) =>
        `The role ${role} cannot ask for or decide on an erasure; ask your privacy officer (FG).`,
    });
    const command = parseCommand<ErasureCommand, []>(
      input,
      { idField: 'erasureId', idLabel: 'The erasure id', what: 'an erasure command' },
      PARSERS,
    );
    requireErasureUuid(command.erasureId);
    return { command, context: { ...checked, pseudonyms: context.pseudonyms } };
  });
}

function targetOf(subject: ErasureSubject, pseudonyms: SubjectPseudonyms): ErasureTarget {
  return 'bsn' in subject
    ? { kind: 'PERSON', subjectRef: pseudonyms.ofBsn(subject.bsn) }
    : {
        kind: 'CASE_SUBJECT',
        subjectRef: pseudonyms.ofCaseSubject(subject.activationId, subject.subjectId),
        activationId: subject.activationId,
      };
}

/**
 * Four eyes: one privacy officer asks, another of the same agency (not the same person) approves or rejects.
 * A request is its agency's, as its list is: to an officer of another agency it does not exist.
 */
export function decideErasure(
  command: ErasureCommand,
  state: ErasureState,
  { actor, pseudonyms }: ErasureContext,
): ErasureDecision {
  return decided(() => {
    if (command.type === 'RequestErasure') {
      if (state.recorded) {
        return reject(
          E.ALREADY_REQUESTED,
          `Erasure ${command.erasureId} was asked for already; choose another id for another request.`,
          'erasureId',
        );
      }
      return [
        event('erasure.requested', {
          erasureId: command.erasureId,
          target: targetOf(command.subject, pseudonyms),
          ground: command.ground,
          reason: command.reason,
          requestedBy: actor.userId,
          requesterAgency: actor.agency,
        }),
      ];
    }
    // Another agency's request is its own to decide: answered as one that does not exist, whatever it is.
    if (!state.recorded || state.requesterAgency !== actor.agency) {
      return reject(E.NOT_FOUND, `There is no erasure ${command.erasureId}; check the id.`, 'erasureId');
    }
    if (state.status !== ErasureStatus.REQUESTED) {
      return reject(
        E.ALREADY_DECIDED,
        `Erasure ${state.erasureId} is ${state.status.toLowerCase()} already; a new request starts again.`,
      );
    }
    requireSecondOfficer(state.requestedBy, actor);
    return command.type === 'ApproveErasure'
      ? [
          event('erasure.approved', {
            approvedBy: actor.userId,
            approverAgency: actor.agency,
            reason: command.reason,
          }),
        ]
      : [
          event('erasure.rejected', {
            rejectedBy: actor.userId,
            rejecterAgency: actor.agency,
            reason: command.reason,
          }),
        ];
  });
}

function requireSecondOfficer(requestedBy: string, actor: Actor): void {
  if (requestedBy === actor.userId) {
    reject(E.OWN_REQUEST, 'You asked for this erasure; a second privacy officer approves or rejects it.');
  }
}

export function handleErasureCommand(
  input: unknown,
  state: ErasureState,
  context: RawCommandContext & { readonly pseudonyms: SubjectPseudonyms },
): ErasureDecision {
  const prepared = prepareErasureCommand(input, context);
  return prepared.ok ? decideErasure(prepared.value.command, state, prepared.value.context) : prepared;
}

export function foldErasure(events: readonly ErasureEvent[]): ErasureState {
  return foldEvents({ initialState: initialErasureState, evolve: evolveErasure }, events);
}

function event<T extends keyof ErasureEventDataMap>(type: T, data: ErasureEventDataMap[T]): ErasureEvent {
  return { type, data } as ErasureEvent;
}
