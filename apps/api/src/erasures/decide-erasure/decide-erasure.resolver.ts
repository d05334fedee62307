import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ErasureCommands } from '../erasure-commands.service.js';
import { ErasureCommandResult } from '../shared/erasure-command-result.type.js';
import { ApproveErasureInput, RejectErasureInput } from './decide-erasure.input.js';

export const APPROVE_ERASURE: CommandMapping = { type: 'ApproveErasure' };
export const REJECT_ERASURE: CommandMapping = { type: 'RejectErasure' };

/**
 * Four eyes: a privacy officer of the requester's agency, other than the one who asked, approves or rejects
 * the request; to an officer of another agency it answers as an id that does not exist (the decider).
 */
@Resolver()
export class DecideErasureResolver {
  constructor(private readonly erasures: ErasureCommands) {}

  @Mutation(() => ErasureCommandResult, {
    description:
      'Approves an erasure request: from now on the subject’s keys are erased, and every path reads their ' +
      'personal values as erased. Only a privacy officer of the requester’s agency other than the requester may.',
  })
  approveErasure(
    @Args('input') input: ApproveErasureInput,
    @CurrentActor() actor: Actor,
  ): Promise<ErasureCommandResult> {
    return this.erasures.execute(APPROVE_ERASURE, input, actor);
  }

  @Mutation(() => ErasureCommandResult, {
    description:
      'Rejects an erasure request: nothing is erased, and it cannot be approved after. Only a privacy ' +
      'officer of the requester’s agency other than the requester may.',
  })
  rejectErasure(
    @Args('input') input: RejectErasureInput,
    @CurrentActor() actor: Actor,
  ): Promise<ErasureCommandResult> {
    return this.erasures.execute(REJECT_ERASURE, input, actor);
  }
}
