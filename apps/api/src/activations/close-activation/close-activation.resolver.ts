import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CloseActivationCommand } from './close-activation.command.js';
import { CloseActivationInput } from './close-activation.input.js';

@Resolver()
export class CloseActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, closes the activation: it needs a report filed since it was (re)opened and no ' +
      'inspection still scheduled.',
  })
  closeActivation(
    @Args('input') input: CloseActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new CloseActivationCommand(input, actor));
  }
}
