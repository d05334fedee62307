import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { LeaveActivationCommand } from './leave-activation.command.js';
import { LeaveActivationInput } from './leave-activation.input.js';

@Resolver()
export class LeaveActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) leaves the activation for its agency; the ' +
      'lead agency cannot leave, it closes the activation instead.',
  })
  leaveActivation(
    @Args('input') input: LeaveActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new LeaveActivationCommand(input, actor));
  }
}
