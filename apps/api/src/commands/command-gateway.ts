import { Injectable } from '@nestjs/common';
import type { Actor } from '#domain';
import { CommandExecutor, ExecutedCommand, StreamDecider } from '#events';
import { ApiErrorCode, toApiError } from '../errors/index.js';
import { CommandMapping, toRawCommand } from './command-mapping.js';
import { CommandOptionsInput } from './command-options.input.js';

/**
 * The api's one way to send a command, for every capability: the mutation's input becomes the raw
 * command (its mapping), stamped with the verified actor and the server's clock, and goes through the
 * event store's CommandExecutor; a refusal becomes the capability's typed GraphQL error.
 */
@Injectable()
export class CommandGateway {
  constructor(private readonly executor: CommandExecutor) {}

  async execute<C, Context, E extends { type: string; data: unknown }, S, Err, Code extends string>(
    stream: StreamDecider<C, Context, E, S, Err>,
    codes: Record<Code, ApiErrorCode>,
    mapping: CommandMapping,
    input: CommandOptionsInput,
    actor: Actor,
  ): Promise<ExecutedCommand<C>> {
    const { command, options } = toRawCommand(mapping, input);
    try {
      return await this.executor.execute(
        stream,
        command,
        {
          actor,
          eventActor: { userId: actor.userId, agency: actor.agency, role: actor.role },
          now: new Date().toISOString(),
        },
        options,
      );
    } catch (error) {
      throw toApiError(error, codes);
    }
  }
}
