import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { RejectAgreementInput } from '../approve-agreement/decide-agreement.input.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';

export const REJECT_AGREEMENT: CommandMapping = { type: 'RejectAgreement' };

@Resolver()
export class RejectAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Rejects the proposal pending on an agreement: a rejected agreement never takes effect, a rejected change ' +
      'leaves the terms in force as they were. Only a policy admin of the other party may.',
  })
  rejectAgreement(
    @Args('input') input: RejectAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(REJECT_AGREEMENT, input, actor);
  }
}
