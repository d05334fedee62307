import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CorrectFindingInput } from './correct-finding.input.js';

export const CORRECT_FINDING: CommandMapping = { type: 'CorrectFinding' };

@Resolver()
export class CorrectFindingResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'The agency that recorded a finding corrects its description or amounts, with the reason (AVG art. ' +
      "16). The correction is an event of the finding's category: who could not see the finding does not " +
      'see its correction either.',
  })
  correctFinding(
    @Args('input') input: CorrectFindingInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CORRECT_FINDING, input, actor);
  }
}
