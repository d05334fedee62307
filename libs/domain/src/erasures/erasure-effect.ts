import { RawCommandContext } from '../shared/command-context.js';
import { Decision, Prepared } from '../shared/decider.js';
import { isAbsent, requireId, requireInstant, requireOneOf } from '../shared/field.parser.js';
import { Instant } from '../shared/instant.value.js';
import { attempt, decided, INVALID_INPUT, reject } from '../shared/rejection.js';
import type { ActivationEvent } from '../activations/activation.events.js';
import type { ActivationState } from '../activations/activation.state.js';
import { isErasureUuid } from './erasure.decider.js';
import { ErasureError } from './erasure.errors.js';
import { ErasureCause, ErasureScope } from './personal-data-erased.event.js';

/*
 * What an erasure leaves on an activation: the record that personal data of it was erased (AVG art. 17),
 * by an approved erasure or by the retention schedule (Archiefwet), without the data itself. Nobody
 * decides it on the activation: the erasure was decided on its own stream (four eyes) or the archive
 * decision fell due, and the keys are gone before this is recorded, so there is no one whose role to check
 * (as an agreement's expiry). It names the subject only by the pseudonym its keys were filed under.
 */

export interface RecordErasure {
  readonly type: 'RecordErasure';
  readonly activationId: string;
  readonly erasureId: string;
  readonly cause: ErasureCause;
  readonly scope: ErasureScope;
  readonly subjectRef?: string;
}

export interface ErasureEffectContext {
  readonly now: Instant;
}

/** Parses what the eraser records; only the system sends it, after the keys are gone. */
export function prepareErasureEffect(
  input: unknown,
  context: RawCommandContext,
): Prepared<RecordErasure, ErasureEffectContext, ErasureError> {
  return attempt(() => {
    const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    if (raw.type !== 'RecordErasure') {
      return reject(
        INVALID_INPUT,
        'Only RecordErasure records an erasure on an activation; send that.',
        'type',
      );
    }
    const scope = requireOneOf(raw.scope, Object.values(ErasureScope), 'scope', 'The scope');
    const subjectRef = isAbsent(raw.subjectRef)
      ? undefined
      : requireId(raw.subjectRef, 'subjectRef', 'The subject reference');
    if ((scope === ErasureScope.ACTIVATION) !== (subjectRef === undefined)) {
      return reject(
        INVALID_INPUT,
        'A person or case subject is erased by its subject reference, a whole activation without one; give it or leave it out.',
        'subjectRef',
      );
    }
    const activationId = requireId(raw.activationId, 'activationId', 'The activation id');
    const erasureId = requireId(raw.erasureId, 'erasureId', 'The erasure id');
    // An approved request's UUID, or the retention schedule's own id of this activation: nothing else.
    if (!isErasureUuid(erasureId) && erasureId !== `retention-${activationId}`) {
      return reject(
        INVALID_INPUT,
        `An erasure is recorded under its request's UUID or as retention-${activationId}; ${erasureId} is neither.`,
        'erasureId',
      );
    }
    const command: RecordErasure = {
      type: 'RecordErasure',
      activationId,
      erasureId,
      cause: requireOneOf(raw.cause, Object.values(ErasureCause), 'cause', 'The cause'),
      scope,
      ...(subjectRef !== undefined && { subjectRef }),
    };
    return { command, context: { now: requireInstant(context.now, 'now') } };
  });
}

/**
 * Records the erasure once on an activation that exists. Recording it again (a retried eraser) or on a
 * stream never opened records nothing: the keys are gone either way, and there is no one to tell.
 */
export function decideErasureEffect(
  command: RecordErasure,
  state: ActivationState,
): Decision<ActivationEvent, ErasureError> {
  return decided(() => {
    if (!state.opened || state.erasureIds.has(command.erasureId)) return [];
    const { erasureId, cause, scope, subjectRef } = command;
    return [
      {
        type: 'personal-data.erased',
        data: { erasureId, cause, scope, ...(subjectRef !== undefined && { subjectRef }) },
      },
    ];
  });
}
