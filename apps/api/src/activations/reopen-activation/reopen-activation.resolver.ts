import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ReopenActivationInput } from './reopen-activation.input.js';

export const REOPEN_ACTIVATION: CommandMapping = { type: 'ReopenActivation' };

@Resolver()
export class ReopenActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The lead agency (inspector or coordinator), or the coordinator of the activation's region, reopens " +
      'a closed activation, with the reason; closing it again needs a new report.',
  })
  reopenActivation(
    @Args('input') input: ReopenActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(REOPEN_ACTIVATION, input, actor);
  }
}
