import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { DeclineInvitationInput } from './decline-invitation.input.js';

export const DECLINE_INVITATION: CommandMapping = { type: 'DeclineInvitation' };

@Resolver()
export class DeclineInvitationResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'An invited agency declines the invitation in its inbox, with the reason; the inviter sees the answer ' +
      'on the joint timeline. To accept, join (joinActivation).',
  })
  declineInvitation(
    @Args('input') input: DeclineInvitationInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(DECLINE_INVITATION, input, actor);
  }
}
