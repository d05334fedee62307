import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CloseActivationInput } from './close-activation.input.js';

export const CLOSE_ACTIVATION: CommandMapping = { type: 'CloseActivation' };

@Resolver()
export class CloseActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The lead agency (inspector or coordinator), or the coordinator of the activation's region, closes " +
      'the activation: it needs a report filed since it was (re)opened and no inspection still scheduled. ' +
      'Other participants propose closing (proposeClosing).',
  })
  closeActivation(
    @Args('input') input: CloseActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CLOSE_ACTIVATION, input, actor);
  }
}
