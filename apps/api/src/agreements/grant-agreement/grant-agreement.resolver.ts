import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { GrantAgreementInput } from './grant-agreement.input.js';

export const GRANT_AGREEMENT: CommandMapping = { type: 'GrantAgreement', newIds: ['agreementId'] };

@Resolver()
export class GrantAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Records a data-sharing agreement: which categories an agency may see, why, and when. Policy admins only.',
  })
  grantAgreement(
    @Args('input') input: GrantAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(GRANT_AGREEMENT, input, actor);
  }
}
