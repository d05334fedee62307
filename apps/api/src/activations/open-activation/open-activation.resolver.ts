import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { OpenActivationInput } from './open-activation.input.js';

export const OPEN_ACTIVATION: CommandMapping = {
  type: 'OpenActivation',
  newIds: ['activationId', 'initialSignal.signalId'],
};

@Resolver()
export class OpenActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description: 'Opens an activation with your agency (or, as the region coordinator, another) as lead.',
  })
  openActivation(
    @Args('input') input: OpenActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(OPEN_ACTIVATION, input, actor);
  }
}
