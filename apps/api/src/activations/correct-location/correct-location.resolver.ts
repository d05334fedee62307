import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CorrectLocationInput } from './correct-location.input.js';

export const CORRECT_LOCATION: CommandMapping = { type: 'CorrectLocation' };

@Resolver()
export class CorrectLocationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The agency that recorded the activation's location (its lead at opening), or the lead agency, " +
      'corrects it, with the reason (AVG art. 16). Agencies holding LOCATION see the corrected location in ' +
      'the activation, the timeline and their feeds.',
  })
  correctLocation(
    @Args('input') input: CorrectLocationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CORRECT_LOCATION, input, actor);
  }
}
