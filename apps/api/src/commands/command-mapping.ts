import { randomUUID } from 'node:crypto';
import { CommandOptions, IdempotentCommandInput } from './command-options.input.js';

/**
 * How one mutation's GraphQL input becomes a domain command as it arrives: the command type, and which
 * fields name a thing the command creates that the caller may leave to the server. The rest of the input
 * is the command as it is; the domain parses it. One line of this table per mutation, beside its resolver.
 */
export interface CommandMapping {
  readonly type: string;
  /**
   * Dotted paths of ids of new things (`initialSignal.signalId` only when there is an initial signal).
   * Left out, such an id is the commandId, so an honest retry carries the same command (and hash) and is
   * answered with the first result instead of CONFLICT; without a commandId there is no retry to
   * recognise, and a new UUID will do.
   */
  readonly newIds?: readonly string[];
}

/** The command fields of a mutation's input, and the options (idempotency, concurrency) apart from them. */
export function toRawCommand(
  mapping: CommandMapping,
  input: IdempotentCommandInput,
): { command: Record<string, unknown>; options: CommandOptions } {
  const { commandId, expectedVersion, ...fields } = input as CommandOptions & Record<string, unknown>;
  const newId = (given: unknown) => given ?? commandId ?? randomUUID();
  let command: Record<string, unknown> = { type: mapping.type, ...fields };
  for (const path of mapping.newIds ?? []) command = withNewId(command, path.split('.'), newId);
  return { command, options: { commandId, expectedVersion } };
}

function withNewId(
  fields: Record<string, unknown>,
  [key, ...rest]: string[],
  newId: (given: unknown) => unknown,
): Record<string, unknown> {
  if (rest.length === 0) return { ...fields, [key]: newId(fields[key]) };
  const part = fields[key];
  if (typeof part !== 'object' || part === null) return fields;
  return { ...fields, [key]: withNewId(part as Record<string, unknown>, rest, newId) };
}
