import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CancelInspectionInput } from './cancel-inspection.input.js';

export const CANCEL_INSPECTION: CommandMapping = { type: 'CancelInspection' };

@Resolver()
export class CancelInspectionResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) cancels a scheduled inspection, with the ' +
      'reason.',
  })
  cancelInspection(
    @Args('input') input: CancelInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CANCEL_INSPECTION, input, actor);
  }
}
