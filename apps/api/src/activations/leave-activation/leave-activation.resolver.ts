import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { LeaveActivationInput } from './leave-activation.input.js';

export const LEAVE_ACTIVATION: CommandMapping = { type: 'LeaveActivation' };

@Resolver()
export class LeaveActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) leaves the activation for its agency, closed or ' +
      'not, and keeps seeing what it contributed itself; the lead agency transfers the lead first.',
  })
  leaveActivation(
    @Args('input') input: LeaveActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(LEAVE_ACTIVATION, input, actor);
  }
}
