import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { AgreementCommandExecutor } from '../shared/agreement-command.executor.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { RevokeAgreementInput } from './revoke-agreement.input.js';

@Resolver()
export class RevokeAgreementResolver {
  constructor(private readonly agreements: AgreementCommandExecutor) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      "Revokes an agreement: its categories leave the agency's read models within seconds and its live " +
      'subscriptions at once. What a feed already delivered cannot be recalled.',
  })
  revokeAgreement(
    @Args('input') { commandId, expectedVersion, ...revocation }: RevokeAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute({ type: 'RevokeAgreement', ...revocation }, actor, {
      commandId,
      expectedVersion,
    });
  }
}
