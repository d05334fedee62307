import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CorrectEmployerInput } from './correct-employer.input.js';

export const CORRECT_EMPLOYER: CommandMapping = { type: 'CorrectEmployer' };

@Resolver()
export class CorrectEmployerResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The agency that recorded the activation's employer (its lead at opening) corrects it, with the " +
      'reason (AVG art. 16). Agencies holding EMPLOYER see the corrected employer everywhere.',
  })
  correctEmployer(
    @Args('input') input: CorrectEmployerInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CORRECT_EMPLOYER, input, actor);
  }
}
