import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { JoinActivationInput } from './join-activation.input.js';

export const JOIN_ACTIVATION: CommandMapping = { type: 'JoinActivation' };

@Resolver()
export class JoinActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'An inspector or coordinator of an invited agency joins the activation for that agency. ' +
      'Joining again changes nothing.',
  })
  joinActivation(
    @Args('input') input: JoinActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(JOIN_ACTIVATION, input, actor);
  }
}
