import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ReopenActivationCommand } from './reopen-activation.command.js';
import { ReopenActivationInput } from './reopen-activation.input.js';

@Resolver()
export class ReopenActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, reopens a closed activation, with the reason; closing it again needs a new report.',
  })
  reopenActivation(
    @Args('input') input: ReopenActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new ReopenActivationCommand(input, actor));
  }
}
