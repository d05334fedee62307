import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ProposeClosingInput } from './propose-closing.input.js';

export const PROPOSE_CLOSING: CommandMapping = { type: 'ProposeClosing' };

@Resolver()
export class ProposeClosingResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency that does not lead the activation proposes closing it, with the reason; the ' +
      "lead agency or the coordinator of the activation's region files the report and closes.",
  })
  proposeClosing(
    @Args('input') input: ProposeClosingInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(PROPOSE_CLOSING, input, actor);
  }
}
