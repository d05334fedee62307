import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { TransferLeadInput } from './transfer-lead.input.js';

export const TRANSFER_LEAD: CommandMapping = { type: 'TransferLead' };

@Resolver()
export class TransferLeadResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The lead agency, or the coordinator of the activation's region, passes the lead to another " +
      'participating agency; from then on that agency files the report, closes and reopens.',
  })
  transferLead(
    @Args('input') input: TransferLeadInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(TRANSFER_LEAD, input, actor);
  }
}
