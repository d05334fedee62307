import { Injectable } from '@nestjs/common';
import type { Actor } from '#domain';
import { activationStreams } from '#events';
import { CommandGateway, CommandMapping, CommandOptionsInput } from '../commands/index.js';
import { ACTIVATION_ERROR_CODES } from './activation-errors.mapping.js';
import { ActivationCommandResult } from './command-result.type.js';

/** The activation mutations' one call: their input, by their mapping, through the command gateway. */
@Injectable()
export class ActivationCommands {
  constructor(private readonly gateway: CommandGateway) {}

  async execute(
    mapping: CommandMapping,
    input: CommandOptionsInput,
    actor: Actor,
  ): Promise<ActivationCommandResult> {
    const result = await this.gateway.execute(
      activationStreams,
      ACTIVATION_ERROR_CODES,
      mapping,
      input,
      actor,
    );
    return { ...result, activationId: result.command.activationId };
  }
}
