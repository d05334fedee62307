import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { AgreementCommandExecutor } from '../shared/agreement-command.executor.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { AmendAgreementInput } from './amend-agreement.input.js';

@Resolver()
export class AmendAgreementResolver {
  constructor(private readonly agreements: AgreementCommandExecutor) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      'Changes the terms of an agreement in force; the change applies to what the agency sees at once.',
  })
  amendAgreement(
    @Args('input') { commandId, expectedVersion, ...change }: AmendAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute({ type: 'AmendAgreement', ...change }, actor, {
      commandId,
      expectedVersion,
    });
  }
}
