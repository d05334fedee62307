import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CompleteInspectionCommand } from './complete-inspection.command.js';
import { CompleteInspectionInput } from './complete-inspection.input.js';

@Resolver()
export class CompleteInspectionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records that a scheduled inspection took ' +
      'place, with a summary of its outcome.',
  })
  completeInspection(
    @Args('input') input: CompleteInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new CompleteInspectionCommand(input, actor));
  }
}
