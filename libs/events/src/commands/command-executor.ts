import { createHash, randomUUID } from 'node:crypto';
import { Decision, Prepared, RawCommandContext } from '#domain';
import { AppendResult, EventStore } from '../store/event-store.js';
import { EventActor } from '../store/event-envelope.js';
import { StreamVersionConflictError } from '../store/event-store.errors.js';

/** What the executor needs to know of one kind of stream: how a command is checked, where it goes, its decider. */
export interface StreamDecider<C, Context, E extends { type: string; data: unknown }, S, Err> {
  /** Parses a command as it arrived, with its context; reads no state, so its refusals reveal none. */
  prepare(input: unknown, context: RawCommandContext): Prepared<C, Context, Err>;
  streamId(command: C): string;
  fold(events: readonly E[]): S;
  /**
   * Whether the actor may act on this stream at all, asked before its version is compared: a stream the
   * actor may not know of is refused as one that does not exist, whatever version the command names.
   */
  admit?(command: C, state: S, context: Context): Err | undefined;
  /**
   * What the decider needs that only I/O can give (a case number from its counter), added to the context
   * once the command is known to be new and the stream has been read.
   */
  complete?(command: C, state: S, context: Context): Promise<Context>;
  decide(command: C, state: S, context: Context): Decision<E, Err>;
  schemaVersion(type: E['type']): number;
}

/** Who sends a command and when, as the caller vouches for it: the verified actor and its clock. */
export interface CommandOrigin {
  /** The domain's actor (checked again by the decider); absent for a scheduler's command. */
  readonly actor?: unknown;
  /** Who the events' metadata names as their cause. */
  readonly eventActor: EventActor;
  /** ISO 8601 with an offset; becomes the events' occurred-at. */
  readonly now: string;
}

/** Which version of the stream the caller based its command on: the version itself, or a test of it (a token). */
export type ExpectedVersion = number | ((streamId: string, version: number) => boolean);

export interface ExecuteOptions {
  commandId?: string;
  /** The version the caller saw; a different current version is a conflict instead of a silent overwrite. */
  expectedVersion?: ExpectedVersion;
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

export interface ExecutedCommand<C> extends AppendResult {
  /** The command as the decider judged it (parsed), for the caller to answer with its ids. */
  readonly command: C;
}

/** Without an expected version the caller claimed no state, so a lost race is decided again on the new state. */
const MAX_ATTEMPTS = 5;
/**
 * Racers that retry at once collide again: each retry waits a random time below this, doubled per
 * attempt (10, 20, 40, 80 ms), so they spread out.
 */
const RETRY_JITTER_MS = 10;

/**
 * The one path from a command to the event store, for every kind of stream: check the command, load the
 * stream, fold it, decide, append with the expected version. A repeated command id answers the first
 * result, read once from the command ledger.
 */
export class CommandExecutor {
  constructor(private readonly store: EventStore) {}

  async execute<C, Context, E extends { type: string; data: unknown }, S, Err>(
    decider: StreamDecider<C, Context, E, S, Err>,
    input: object,
    origin: CommandOrigin,
    options: ExecuteOptions = {},
  ): Promise<ExecutedCommand<C>> {
    const prepared = decider.prepare(input, { actor: origin.actor, now: origin.now });
    if (!prepared.ok) throw new CommandRejectedError(prepared.error as Err & { message: string });
    const { command, context } = prepared.value;
    const identity = {
      commandId: options.commandId ?? randomUUID(),
      commandHash: hashCommand({ ...input, actor: origin.actor }),
    };
    const streamId = decider.streamId(command);
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.store.previousResult(identity);
      if (earlier) return { ...earlier, command };
      const history = await this.store.readStream(streamId);
      const version = history.length;
      const state = decider.fold(history.map(({ type, data }) => ({ type, data }) as E));
      const refused = decider.admit?.(command, state, context);
      if (refused) throw new CommandRejectedError(refused as Err & { message: string });
      if (!isExpected(options.expectedVersion, streamId, version)) {
        throw new StreamVersionConflictError(streamId, version);
      }
      const completed = decider.complete ? await decider.complete(command, state, context) : context;
      const decision = decider.decide(command, state, completed);
      if (!decision.ok) throw new CommandRejectedError(decision.error as Err & { message: string });
      if (decision.events.length === 0)
        return { command, streamId, streamVersion: version, eventIds: [], duplicate: false };
      try {
        const appended = await this.store.append(
          streamId,
          version,
          decision.events.map((event) => ({
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: decider.schemaVersion(event.type),
            data: event.data,
            occurredAt: origin.now,
            metadata: {
              actor: origin.eventActor,
              correlationId: options.correlationId ?? identity.commandId,
              causationId: identity.commandId,
              commandId: identity.commandId,
              ...(options.traceId ? { traceId: options.traceId } : {}),
            },
          })),
          // The ledger was read above: the append only records the command, unless it races a twin.
          { ...identity, checked: true },
        );
        return { ...appended, command };
      } catch (error) {
        if (error instanceof StreamVersionConflictError && options.expectedVersion === undefined) {
          if (attempt < MAX_ATTEMPTS) {
            const jitter = Math.random() * RETRY_JITTER_MS * 2 ** (attempt - 1);
            await new Promise((resolve) => setTimeout(resolve, jitter));
            continue;
          }
        }
        if (error instanceof StreamVersionConflictError) {
          throw new StreamVersionConflictError(streamId, await this.store.streamVersion(streamId));
        }
        throw error;
      }
    }
  }
}

function isExpected(expected: ExpectedVersion | undefined, streamId: string, version: number): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'number' ? expected === version : expected(streamId, version);
}

/** The command's content and who sent it, without its clock: an honest retry hashes the same, another command not. */
function hashCommand(command: object): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
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
