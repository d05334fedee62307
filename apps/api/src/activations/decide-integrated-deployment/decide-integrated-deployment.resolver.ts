import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { DecideIntegratedDeploymentCommand } from './decide-integrated-deployment.command.js';
import { DecideIntegratedDeploymentInput } from './decide-integrated-deployment.input.js';

@Resolver()
export class DecideIntegratedDeploymentResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, decides whether several participating agencies act together (integrated deployment), ' +
      'and why.',
  })
  decideIntegratedDeployment(
    @Args('input') input: DecideIntegratedDeploymentInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new DecideIntegratedDeploymentCommand(input, actor));
  }
}
