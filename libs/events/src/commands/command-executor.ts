import { createHash, randomUUID } from 'node:crypto';
import { Decision } from '#domain';
import { AppendResult, EventStore } from '../store/event-store.js';
import { EventActor } from '../store/event-envelope.js';
import { StreamVersionConflictError } from '../store/event-store.errors.js';

/** What the executor needs to know of one kind of stream: where a command goes, and its decider. */
export interface StreamDecider<C, E extends { type: string; data: unknown }, S, Err> {
  streamId(command: C): string;
  fold(events: readonly E[]): S;
  decide(command: C, state: S): Decision<E, Err>;
  schemaVersion(type: E['type']): number;
}

export interface ExecuteOptions {
  commandId?: string;
  /** The version the caller saw; a different current version is a conflict instead of a silent overwrite. */
  expectedVersion?: number;
  correlationId?: string;
  traceId?: string;
}

/** The decider refused the command; nothing was written. `error` is the capability's own typed error. */
export class CommandRejectedError<Err> extends Error {
  constructor(readonly error: Err & { message: string }) {
    super(error.message);
    this.name = 'CommandRejectedError';
  }
}

/** Without an expected version the caller claimed no state, so a lost race is decided again on the new state. */
const MAX_ATTEMPTS = 5;
/**
 * Racers that retry at once collide again: each retry waits a random time below this, doubled per
 * attempt (10, 20, 40, 80 ms), so they spread out.
 */
const RETRY_JITTER_MS = 10;

/**
 * The one path from a command to the event store, for every kind of stream: load the stream, fold it,
 * decide, append with the expected version. A repeated command id answers the first result.
 */
export class CommandExecutor {
  constructor(private readonly store: EventStore) {}

  async execute<C extends { now: string }, E extends { type: string; data: unknown }, S, Err>(
    decider: StreamDecider<C, E, S, Err>,
    command: C,
    actor: EventActor,
    options: ExecuteOptions = {},
  ): Promise<AppendResult> {
    const identity = { commandId: options.commandId ?? randomUUID(), commandHash: hashCommand(command) };
    const streamId = decider.streamId(command);
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.store.previousResult(identity);
      if (earlier) return earlier;
      const history = await this.store.readStream(streamId);
      const version = history.length;
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new StreamVersionConflictError(streamId, options.expectedVersion);
      }
      const decision = decider.decide(
        command,
        decider.fold(history.map(({ type, data }) => ({ type, data }) as E)),
      );
      if (!decision.ok) throw new CommandRejectedError(decision.error as Err & { message: string });
      if (decision.events.length === 0)
        return { streamId, streamVersion: version, eventIds: [], duplicate: false };
      try {
        return await this.store.append(
          streamId,
          version,
          decision.events.map((event) => ({
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: decider.schemaVersion(event.type),
            data: event.data,
            occurredAt: command.now,
            metadata: {
              actor,
              correlationId: options.correlationId ?? identity.commandId,
              causationId: identity.commandId,
              commandId: identity.commandId,
              ...(options.traceId ? { traceId: options.traceId } : {}),
            },
          })),
          identity,
        );
      } catch (error) {
        if (error instanceof StreamVersionConflictError && options.expectedVersion === undefined) {
          if (attempt < MAX_ATTEMPTS) {
            const jitter = Math.random() * RETRY_JITTER_MS * 2 ** (attempt - 1);
            await new Promise((resolve) => setTimeout(resolve, jitter));
            continue;
          }
        }
        throw error;
      }
    }
  }
}

/** The command's content without its clock, so an honest retry hashes the same and a different command does not. */
function hashCommand(command: { now: string }): string {
  const { now: _now, ...content } = command;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
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
