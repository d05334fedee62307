import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { VersionTokens } from '#events';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { ActivationView } from '../shared/activation.type.js';
import { activationViewOf } from '../shared/activation-views.js';
import { activationNotFound } from '../shared/read-errors.js';
import { ActivationArgs } from './view-activation.args.js';

@Resolver(() => ActivationView)
export class ViewActivationResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => ActivationView, {
    description:
      'One activation as your agency sees it. NOT_FOUND when it does not exist or is not visible to you.',
  })
  @ReadableBy(CASE_DATA)
  activation(
    @Args() { id }: ActivationArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<ActivationView> {
    return this.reads.read({ actor, request, operation: 'activation' }, async (db, view) => {
      const found = await activationViewOf(db, view, actor.agency, id, this.tokens);
      if (!found) throw activationNotFound(id);
      return found;
    });
  }
}
