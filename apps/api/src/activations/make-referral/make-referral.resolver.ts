import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { MakeReferralInput } from './make-referral.input.js';

export const MAKE_REFERRAL: CommandMapping = { type: 'MakeReferral', newIds: ['referralId'] };

@Resolver()
export class MakeReferralResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) refers a matter to another agency, which ' +
      'need not take part in the activation.',
  })
  makeReferral(
    @Args('input') input: MakeReferralInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(MAKE_REFERRAL, input, actor);
  }
}
