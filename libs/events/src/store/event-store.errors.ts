/**
 * The stream moved on since the caller read it; reading again and retrying is safe. `currentVersion` is
 * where it stands now when known, for the caller to answer with (as its own opaque form); the message names
 * neither the stream nor versions, since it may reach a client.
 */
export class StreamVersionConflictError extends Error {
  readonly code = 'STREAM_VERSION_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly currentVersion?: number,
  ) {
    super('It changed meanwhile: someone else acted on it at the same time. Read it again and retry.');
    this.name = 'StreamVersionConflictError';
  }
}

/** A command id came back with a different command: ids identify one intent and are never reused. */
export class CommandIdReusedError extends Error {
  readonly code = 'COMMAND_ID_REUSED';

  constructor(readonly commandId: string) {
    super(
      `Command id ${commandId} was already used for a different command. Use a new command id for a new command.`,
    );
    this.name = 'CommandIdReusedError';
  }
}
