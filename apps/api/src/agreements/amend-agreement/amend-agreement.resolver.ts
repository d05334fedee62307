import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { AmendAgreementInput } from './amend-agreement.input.js';

export const AMEND_AGREEMENT: CommandMapping = { type: 'AmendAgreement' };

@Resolver()
export class AmendAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Proposes a change of the terms of an agreement in force, with a reason. The terms in force stay until a ' +
      'policy admin of the other party approves the change (approveAgreement).',
  })
  amendAgreement(
    @Args('input') input: AmendAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(AMEND_AGREEMENT, input, actor);
  }
}
