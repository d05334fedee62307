import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ImposeInterventionInput } from './impose-intervention.input.js';

export const IMPOSE_INTERVENTION: CommandMapping = { type: 'ImposeIntervention', newIds: ['interventionId'] };

@Resolver()
export class ImposeInterventionResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) imposes a measure: a warning, order, fine, ' +
      'closure or referral, addressed to the employer.',
  })
  imposeIntervention(
    @Args('input') input: ImposeInterventionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(IMPOSE_INTERVENTION, input, actor);
  }
}
