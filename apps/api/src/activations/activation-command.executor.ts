import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, ActivationCommand, ActivationEvent, decideActivation, foldActivation } from '#domain';
import {
  activationStreamId,
  catalogueEntry,
  CommandIdReusedError,
  EventStore,
  StreamVersionConflictError,
} from '#events';
import { apiError, ApiErrorCode } from '../errors/api-error.js';
import { ACTIVATION_ERROR_CODES } from './activation-errors.mapping.js';
import { ActivationCommandResult } from './command-result.type.js';

/** Distributive Omit, so each command of the union keeps its own fields. */
export type CommandPayload<C> = C extends unknown ? Omit<C, 'actor' | 'now'> : never;

export interface CommandOptions {
  commandId?: string;
  /** The version the caller saw; a different current version is a conflict instead of a silent overwrite. */
  expectedVersion?: number;
  correlationId?: string;
}

/** Without an expected version the caller claimed no state, so a lost race is decided again on the new state. */
const MAX_ATTEMPTS = 5;

/**
 * The one path from a command to the event store: load the stream, fold it, decide, append with the
 * expected version. The domain's verdict travels back as a typed GraphQL error; nothing is written then.
 */
@Injectable()
export class ActivationCommandExecutor {
  constructor(private readonly store: EventStore) {}

  async execute(
    payload: CommandPayload<ActivationCommand>,
    actor: Actor,
    options: CommandOptions,
  ): Promise<ActivationCommandResult> {
    const command = { ...payload, actor, now: new Date().toISOString() } as ActivationCommand;
    const identity = {
      commandId: options.commandId ?? randomUUID(),
      commandHash: hashCommand(payload, actor),
    };
    const streamId = activationStreamId(command.activationId);
    for (let attempt = 1; ; attempt++) {
      try {
        const earlier = await this.store.previousResult(identity);
        if (earlier) return { ...earlier, activationId: command.activationId };
        const history = await this.store.readStream(streamId);
        const version = history.length;
        if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
          throw new StreamVersionConflictError(streamId, options.expectedVersion);
        }
        const decision = decideActivation(
          command,
          foldActivation(history.map(({ type, data }) => ({ type, data }) as ActivationEvent)),
        );
        if (!decision.ok) {
          const { code, message, field } = decision.error;
          throw apiError(ACTIVATION_ERROR_CODES[code], message, {
            reason: code,
            ...(field ? { field } : {}),
          });
        }
        const correlationId = options.correlationId ?? identity.commandId;
        const appended = await this.store.append(
          streamId,
          version,
          decision.events.map((event) => ({
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: catalogueEntry(event.type).schemaVersion,
            data: event.data,
            occurredAt: command.now,
            metadata: {
              actor: { userId: actor.userId, agency: actor.agency, role: actor.role },
              correlationId,
              causationId: identity.commandId,
              commandId: identity.commandId,
            },
          })),
          decision.events.length > 0 ? identity : undefined,
        );
        return { ...appended, activationId: command.activationId };
      } catch (error) {
        if (error instanceof StreamVersionConflictError) {
          if (options.expectedVersion === undefined && attempt < MAX_ATTEMPTS) continue;
          throw apiError(ApiErrorCode.CONFLICT, error.message, { reason: error.code });
        }
        if (error instanceof CommandIdReusedError) {
          throw apiError(ApiErrorCode.CONFLICT, error.message, { reason: error.code });
        }
        throw error;
      }
    }
  }
}

/** The command's content without its clock, so an honest retry hashes the same and a different command does not. */
function hashCommand(payload: unknown, actor: Actor): string {
  return createHash('sha256').update(canonicalJson({ payload, actor })).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
