import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { InviteAgencyCommand } from './invite-agency.command.js';
import { InviteAgencyInput } from './invite-agency.input.js';

@Resolver()
export class InviteAgencyResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, invites an agency. Inviting an agency that is already invited or taking part changes ' +
      'nothing: no events, the same streamVersion.',
  })
  inviteAgency(
    @Args('input') input: InviteAgencyInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new InviteAgencyCommand(input, actor));
  }
}
