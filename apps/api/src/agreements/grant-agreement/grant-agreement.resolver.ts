import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { AgreementCommandExecutor, newAgreementId } from '../shared/agreement-command.executor.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { GrantAgreementInput } from './grant-agreement.input.js';

@Resolver()
export class GrantAgreementResolver {
  constructor(private readonly agreements: AgreementCommandExecutor) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Records a data-sharing agreement: which categories an agency may see, why, and when. Policy admins only.',
  })
  grantAgreement(
    @Args('input') { commandId, expectedVersion, agreementId, ...terms }: GrantAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(
      { type: 'GrantAgreement', ...terms, agreementId: newAgreementId(agreementId, commandId) },
      actor,
      { commandId, expectedVersion },
    );
  }
}
