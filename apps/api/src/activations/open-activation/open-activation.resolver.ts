import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { OpenActivationCommand } from './open-activation.command.js';
import { OpenActivationInput } from './open-activation.input.js';

@Resolver()
export class OpenActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description: 'Opens an activation with your agency (or, as the region coordinator, another) as lead.',
  })
  openActivation(
    @Args('input') input: OpenActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new OpenActivationCommand(input, actor));
  }
}
