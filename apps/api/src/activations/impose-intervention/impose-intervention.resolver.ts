import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ImposeInterventionCommand } from './impose-intervention.command.js';
import { ImposeInterventionInput } from './impose-intervention.input.js';

@Resolver()
export class ImposeInterventionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) imposes a measure: a warning, order, fine, ' +
      'closure or referral, addressed to the employer.',
  })
  imposeIntervention(
    @Args('input') input: ImposeInterventionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new ImposeInterventionCommand(input, actor));
  }
}
