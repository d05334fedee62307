import { Injectable } from '@nestjs/common';
import { ActivationCommand, Actor } from '#domain';
import { activationStreams, CommandExecutor, ExecuteOptions } from '#events';
import { toApiError } from '../errors/command-errors.js';
import { ACTIVATION_ERROR_CODES } from './activation-errors.mapping.js';
import { ActivationCommandResult } from './command-result.type.js';

/** Distributive Omit, so each command of the union keeps its own fields. */
export type CommandPayload<C> = C extends unknown ? Omit<C, 'actor' | 'now'> : never;

/** Activation commands from GraphQL: stamped with the verified actor and the server's clock, then executed. */
@Injectable()
export class ActivationCommandExecutor {
  constructor(private readonly executor: CommandExecutor) {}

  async execute(
    payload: CommandPayload<ActivationCommand>,
    actor: Actor,
    options: ExecuteOptions,
  ): Promise<ActivationCommandResult> {
    const command = { ...payload, actor, now: new Date().toISOString() } as ActivationCommand;
    try {
      const result = await this.executor.execute(activationStreams, command, actorOf(actor), options);
      return { ...result, activationId: command.activationId };
    } catch (error) {
      throw toApiError(error, ACTIVATION_ERROR_CODES);
    }
  }
}

export function actorOf(actor: Actor) {
  return { userId: actor.userId, agency: actor.agency, role: actor.role };
}
