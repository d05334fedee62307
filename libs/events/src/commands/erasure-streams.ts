import {
  ActivationEvent,
  ActivationState,
  decideErasure,
  decideErasureEffect,
  ErasureContext,
  ErasureError,
  ErasureEvent,
  ErasureEventType,
  ErasureEffectContext,
  ErasureCommand,
  ErasureState,
  foldActivation,
  foldErasure,
  prepareErasureCommand,
  prepareErasureEffect,
  RawCommandContext,
  RecordErasure,
  SubjectPseudonyms,
} from '#domain';
import { catalogueEntry } from '../catalogue/activation-events.catalogue.js';
import { activationStreamId } from '../store/stream-ids.js';
import { StreamDecider } from './command-executor.js';

const ERASURE_PREFIX = 'erasure-';

export const erasureStreamId = (erasureId: string) => `${ERASURE_PREFIX}${erasureId}`;

/** The erasure id of an erasure stream, or undefined for any other stream. */
export function erasureIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(ERASURE_PREFIX) ? streamId.slice(ERASURE_PREFIX.length) : undefined;
}

/**
 * Erasure requests are decisions about data, not case data: no field classification (they name the
 * subject by pseudonym only, and a reason may not name a BSN), never on a feed or in an agency's read
 * models; their schema versions live here.
 */
export const ERASURE_EVENT_SCHEMA_VERSIONS: Record<ErasureEventType, number> = {
  'erasure.requested': 1,
  'erasure.approved': 1,
  'erasure.rejected': 1,
};

/** The erasure requests (four eyes), one stream each; `pseudonyms` turn a BSN into the key's reference. */
export function erasureStreams(
  pseudonyms: SubjectPseudonyms,
): StreamDecider<ErasureCommand, ErasureContext, ErasureEvent, ErasureState, ErasureError> {
  return {
    prepare: (input, context: RawCommandContext) => prepareErasureCommand(input, { ...context, pseudonyms }),
    streamId: (command) => erasureStreamId(command.erasureId),
    fold: foldErasure,
    decide: decideErasure,
    schemaVersion: (type) => ERASURE_EVENT_SCHEMA_VERSIONS[type],
  };
}

/** What an erasure leaves on an activation stream: personal-data.erased, recorded by the eraser once. */
export const erasureEffectStreams: StreamDecider<
  RecordErasure,
  ErasureEffectContext,
  ActivationEvent,
  ActivationState,
  ErasureError
> = {
  prepare: prepareErasureEffect,
  streamId: (command) => activationStreamId(command.activationId),
  fold: foldActivation,
  decide: (command, state) => decideErasureEffect(command, state),
  schemaVersion: (type) => catalogueEntry(type).schemaVersion,
};
