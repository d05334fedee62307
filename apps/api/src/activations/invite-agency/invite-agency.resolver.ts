import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { InviteAgencyInput } from './invite-agency.input.js';

export const INVITE_AGENCY: CommandMapping = { type: 'InviteAgency' };

@Resolver()
export class InviteAgencyResolver {
  constructor(private readonly activations: ActivationCommands) {}

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
    return this.activations.execute(INVITE_AGENCY, input, actor);
  }
}
