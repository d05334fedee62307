import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { GrantAgreementInput, ProposeAgreementInput } from './propose-agreement.input.js';

export const PROPOSE_AGREEMENT: CommandMapping = { type: 'ProposeAgreement', newIds: ['agreementId'] };

@Resolver()
export class ProposeAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Proposes a data-sharing agreement: which categories an agency may see, for which processing activities, ' +
      'why and when. It is PROPOSED, not in force, until a policy admin of the other party approves it. ' +
      'Policy admins of one of the two parties only.',
  })
  proposeAgreement(
    @Args('input') input: ProposeAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(PROPOSE_AGREEMENT, input, actor);
  }

  @Mutation(() => AgreementCommandResult, {
    deprecationReason: 'An agreement is proposed and approved by two organisations: use proposeAgreement.',
    description: 'The same as proposeAgreement: the agreement is PROPOSED until the other party approves it.',
  })
  grantAgreement(
    @Args('input') input: GrantAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(PROPOSE_AGREEMENT, input, actor);
  }
}
