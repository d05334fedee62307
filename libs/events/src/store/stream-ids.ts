/** Stream naming in one place: the write side appends to, and the read side parses, the same ids. */
const ACTIVATION_PREFIX = 'activation-';
const AGREEMENT_PREFIX = 'agreement-';

export const activationStreamId = (activationId: string) => `${ACTIVATION_PREFIX}${activationId}`;
export const agreementStreamId = (agreementId: string) => `${AGREEMENT_PREFIX}${agreementId}`;

/** The activation id of an activation stream, or undefined for any other stream. */
export function activationIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(ACTIVATION_PREFIX) ? streamId.slice(ACTIVATION_PREFIX.length) : undefined;
}

/** The agreement id of an agreement stream, or undefined for any other stream. */
export function agreementIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(AGREEMENT_PREFIX) ? streamId.slice(AGREEMENT_PREFIX.length) : undefined;
}
