import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { JoinActivationCommand } from './join-activation.command.js';
import { JoinActivationInput } from './join-activation.input.js';

@Resolver()
export class JoinActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'An inspector or coordinator of an invited agency joins the activation for that agency. ' +
      'Joining again changes nothing.',
  })
  joinActivation(
    @Args('input') input: JoinActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new JoinActivationCommand(input, actor));
  }
}
