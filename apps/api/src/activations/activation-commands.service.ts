import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '#domain';
import { type ActivationStreams, activationStreamId } from '#events';
import { CommandGateway, CommandMapping, IdempotentCommandInput } from '../commands/index.js';
import { ACTIVATION_ERROR_CODES } from './activation-errors.mapping.js';
import { ActivationCommandResult } from './command-result.type.js';

/** The activation streams as this api runs them (with the configured regional coordination). */
export const ACTIVATION_STREAMS = Symbol('ActivationStreams');

/** The activation mutations' one call: their input, by their mapping, through the command gateway. */
@Injectable()
export class ActivationCommands {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(ACTIVATION_STREAMS) private readonly streams: ActivationStreams,
  ) {}

  async execute(
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
  ): Promise<ActivationCommandResult> {
    const result = await this.gateway.execute(
      this.streams,
      ACTIVATION_ERROR_CODES,
      mapping,
      input,
      actor,
      'token',
    );
    const { activationId } = result.command;
    return {
      ...result,
      activationId,
      version: this.gateway.present(
        activationStreamId(activationId),
        result.streamVersion,
        'token',
      ) as string,
    };
  }
}
