import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { EscalateActivationCommand } from './escalate-activation.command.js';
import { EscalateActivationInput } from './escalate-activation.input.js';

@Resolver()
export class EscalateActivationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, turns a preventive activation repressive, naming the confirmed-infection signal or ' +
      'finding that caused it.',
  })
  escalateActivation(
    @Args('input') input: EscalateActivationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new EscalateActivationCommand(input, actor));
  }
}
