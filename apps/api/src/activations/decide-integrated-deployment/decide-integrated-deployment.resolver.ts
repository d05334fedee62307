import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { DecideIntegratedDeploymentInput } from './decide-integrated-deployment.input.js';

export const DECIDE_INTEGRATED_DEPLOYMENT: CommandMapping = { type: 'DecideIntegratedDeployment' };

@Resolver()
export class DecideIntegratedDeploymentResolver {
  constructor(private readonly activations: ActivationCommands) {}

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
    return this.activations.execute(DECIDE_INTEGRATED_DEPLOYMENT, input, actor);
  }
}
