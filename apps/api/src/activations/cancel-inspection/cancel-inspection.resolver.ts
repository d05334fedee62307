import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CancelInspectionCommand } from './cancel-inspection.command.js';
import { CancelInspectionInput } from './cancel-inspection.input.js';

@Resolver()
export class CancelInspectionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) cancels a scheduled inspection, with the ' +
      'reason.',
  })
  cancelInspection(
    @Args('input') input: CancelInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new CancelInspectionCommand(input, actor));
  }
}
