import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { WithdrawEntryInput } from './withdraw-entry.input.js';

export const WITHDRAW_ENTRY: CommandMapping = { type: 'WithdrawEntry' };

@Resolver()
export class WithdrawEntryResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'The agency that recorded a signal or finding on the wrong activation marks it withdrawn there ' +
      '(misfiled), with the reason; record it anew on the right activation. It can no longer be corrected ' +
      'or named as evidence here.',
  })
  withdrawEntry(
    @Args('input') input: WithdrawEntryInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(WITHDRAW_ENTRY, input, actor);
  }
}
