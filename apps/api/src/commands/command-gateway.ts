import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { Actor } from '#domain';
import {
  CommandExecutor,
  ExecutedCommand,
  StreamDecider,
  StreamVersionConflictError,
  VersionTokens,
} from '#events';
import { AppConfig } from '#platform';
import { apiError, ApiErrorCode, toApiError } from '../errors/index.js';
import { CommandMapping, toRawCommand } from './command-mapping.js';
import { IdempotentCommandInput } from './command-options.input.js';

/** How a capability writes the versions of its streams to clients: opaque tokens, or plain numbers. */
export type VersionForm = 'token' | 'number';

/**
 * The api's one way to send a command, for every capability: the mutation's input becomes the raw
 * command (its mapping), stamped with the verified actor and the server's clock, and goes through the
 * event store's CommandExecutor; a refusal becomes the capability's typed GraphQL error.
 */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly tokens: VersionTokens,
    private readonly config: AppConfig,
  ) {}

  async execute<C, Context, E extends { type: string; data: unknown }, S, Err, Code extends string>(
    stream: StreamDecider<C, Context, E, S, Err>,
    codes: Record<Code, ApiErrorCode>,
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
    versions: VersionForm = 'number',
  ): Promise<ExecutedCommand<C>> {
    const started = performance.now();
    const { command, options } = toRawCommand(mapping, input);
    const expected = options.expectedVersion;
    try {
      return await this.executor.execute(
        stream,
        command,
        {
          actor,
          eventActor: { userId: actor.userId, agency: actor.agency, role: actor.role },
          now: new Date().toISOString(),
        },
        {
          commandId: options.commandId,
          expectedVersion:
            typeof expected === 'string'
              ? (streamId, version) => this.tokens.matches(expected, streamId, version)
              : expected,
        },
      );
    } catch (error) {
      const answer =
        error instanceof StreamVersionConflictError
          ? this.conflict(error, versions)
          : toApiError(error, codes);
      if (answer instanceof GraphQLError && answer.extensions.code === ApiErrorCode.NOT_FOUND) {
        // A hidden stream was read and folded before it was refused, an absent one was not: answer both
        // no sooner than the floor, so the time taken does not tell them apart (bench: NOT_FOUND timing).
        await sleep(Math.max(0, this.config.notFoundFloorMs - (performance.now() - started)));
      }
      throw answer;
    }
  }

  /** The version of a stream as the capability shows it. */
  present(streamId: string, version: number, versions: VersionForm): string | number {
    return versions === 'token' ? this.tokens.of(streamId, version) : version;
  }

  /**
   * CONFLICT, with the version the stream has now, in the capability's form: no stream names, and no
   * counts where versions are tokens.
   */
  private conflict(error: StreamVersionConflictError, versions: VersionForm) {
    const current =
      error.currentVersion === undefined
        ? {}
        : { currentVersion: this.present(error.streamId, error.currentVersion, versions) };
    const retry =
      current.currentVersion === undefined
        ? 'Read it again and send your command with its current version, or without one.'
        : `It is now at version ${current.currentVersion}: read it again and send your command with that ` +
          'version, or without one.';
    return apiError(
      ApiErrorCode.CONFLICT,
      `It changed since you read it: someone else acted on it meanwhile. ${retry}`,
      { reason: error.code, field: 'expectedVersion', ...current },
    );
  }
}
