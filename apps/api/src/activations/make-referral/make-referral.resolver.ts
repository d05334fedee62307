import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { MakeReferralCommand } from './make-referral.command.js';
import { MakeReferralInput } from './make-referral.input.js';

@Resolver()
export class MakeReferralResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) refers a matter to another agency, which ' +
      'need not take part in the activation.',
  })
  makeReferral(
    @Args('input') input: MakeReferralInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new MakeReferralCommand(input, actor));
  }
}
