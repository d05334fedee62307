import {
  AgreementEvent,
  agreementNotFound,
  foldAgreement,
  isPartyTo,
  RecordedAgreement,
  Role,
  type Actor,
} from '#domain';
import { agreementStreamId, CommandRejectedError, EventStore, StoredEvent } from '#events';
import { toApiError } from '../../errors/index.js';
import { AGREEMENT_ERROR_CODES } from '../agreement-errors.mapping.js';

/**
 * An agreement from its own stream, for someone who may know of it: a policy admin of a party, or (when
 * `recipientToo`) anyone of the recipient agency. Anyone else gets exactly what a missing id gets, so no
 * answer tells that an agreement exists (no oracle).
 */
export async function knownAgreement(
  store: EventStore,
  agreementId: string,
  actor: Actor,
  { recipientToo }: { recipientToo: boolean },
): Promise<{ state: RecordedAgreement; events: StoredEvent[] }> {
  const events = await store.readStream(agreementStreamId(agreementId));
  const state = foldAgreement(events.map(({ type, data }) => ({ type, data }) as AgreementEvent));
  const mayKnow =
    isPartyTo(state, actor.agency) &&
    (actor.role === Role.POLICY_ADMIN || (recipientToo && state.agency === actor.agency));
  if (!mayKnow) {
    throw toApiError(new CommandRejectedError(agreementNotFound(agreementId)), AGREEMENT_ERROR_CODES);
  }
  return { state, events };
}
