import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { AgreementCommands } from '../agreement-commands.service.js';
import { AgreementCommandResult } from '../shared/agreement-command-result.type.js';
import { RevokeAgreementInput } from './revoke-agreement.input.js';

export const REVOKE_AGREEMENT: CommandMapping = { type: 'RevokeAgreement' };

@Resolver()
export class RevokeAgreementResolver {
  constructor(private readonly agreements: AgreementCommands) {}

  @Mutation(() => AgreementCommandResult, {
    description:
      "Revokes an agreement at once; either party's policy admin may. Its categories leave the agency's read models within seconds and its live " +
      'subscriptions at once. What a feed already delivered cannot be recalled.',
  })
  revokeAgreement(
    @Args('input') input: RevokeAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementCommandResult> {
    return this.agreements.execute(REVOKE_AGREEMENT, input, actor);
  }
}
