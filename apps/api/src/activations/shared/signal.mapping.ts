import { randomUUID } from 'node:crypto';
import { SignalInput as DomainSignalInput } from '#domain';
import { SignalInput } from './activation-parts.input.js';

/** The GraphQL signal as the domain's; the caller may leave the signal id for the server to choose. */
export function toDomainSignal(input: SignalInput): DomainSignalInput {
  return { ...input, signalId: input.signalId ?? randomUUID() };
}
