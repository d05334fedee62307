import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ErasureCommands } from '../erasure-commands.service.js';
import { ErasureCommandResult } from '../shared/erasure-command-result.type.js';
import { RequestErasureInput } from './request-erasure.input.js';

export const REQUEST_ERASURE: CommandMapping = { type: 'RequestErasure', newIds: ['erasureId'] };

@Resolver()
export class RequestErasureResolver {
  constructor(private readonly erasures: ErasureCommands) {}

  @Mutation(() => ErasureCommandResult, {
    description:
      'Asks to erase a person (by BSN, in every case) or one subject of one activation (AVG art. 17), with ' +
      'the ground and a reason. Nothing is erased until a second privacy officer approves (approveErasure). ' +
      'The answer is the same whether or not keten holds the person or the activation. Privacy officers only.',
  })
  requestErasure(
    @Args('input') input: RequestErasureInput,
    @CurrentActor() actor: Actor,
  ): Promise<ErasureCommandResult> {
    return this.erasures.execute(REQUEST_ERASURE, input, actor);
  }
}
