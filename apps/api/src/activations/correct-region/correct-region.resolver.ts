import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CorrectRegionInput } from './correct-region.input.js';

export const CORRECT_REGION: CommandMapping = { type: 'CorrectRegion' };

@Resolver()
export class CorrectRegionResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The coordinator of the activation's region corrects its region and municipality, with the reason " +
      "(AVG art. 16). The activation moves to the right region's coordinators: the old region's coordinator " +
      'no longer sees it (except its own correction), the new one sees all of it.',
  })
  correctRegion(
    @Args('input') input: CorrectRegionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CORRECT_REGION, input, actor);
  }
}
