import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { ApproveAgreementInput } from './decide-agreement.input.js';

export const APPROVE_AGREEMENT: CommandMapping = { type: 'ApproveAgreement' };

@Resolver()
export class ApproveAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Approves the proposal pending on an agreement (its first terms or a change): they are in force from ' +
      "now on. Only a policy admin of the other party may: not the proposer's agency.",
  })
  approveAgreement(
    @Args('input') input: ApproveAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(APPROVE_AGREEMENT, input, actor);
  }
}
