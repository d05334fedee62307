import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CompleteInspectionInput } from './complete-inspection.input.js';

export const COMPLETE_INSPECTION: CommandMapping = { type: 'CompleteInspection' };

@Resolver()
export class CompleteInspectionResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records that a scheduled inspection took ' +
      'place, with a summary of its outcome.',
  })
  completeInspection(
    @Args('input') input: CompleteInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(COMPLETE_INSPECTION, input, actor);
  }
}
