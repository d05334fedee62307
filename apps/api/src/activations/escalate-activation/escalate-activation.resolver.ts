import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { EscalateActivationInput } from './escalate-activation.input.js';

export const ESCALATE_ACTIVATION: CommandMapping = { type: 'EscalateActivation' };

@Resolver()
export class EscalateActivationResolver {
  constructor(private readonly activations: ActivationCommands) {}

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
    return this.activations.execute(ESCALATE_ACTIVATION, input, actor);
  }
}
