import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { LoggedReads } from '../access-log/logged-reads.service.js';
import { CurrentReadRequest, type ReadRequest } from '../access-log/read-request.decorator.js';
import { ActivationView } from '../shared/activation.type.js';
import {
  ACTIVATION_COLUMNS,
  ActivationRow,
  disclosureOfRow,
  toActivationView,
} from '../shared/activation-row.mapper.js';
import { activationNotFound } from '../shared/read-errors.js';
import { CASE_DATA, ReadableBy } from '../shared/read-access.guard.js';

@Resolver(() => ActivationView)
export class ViewActivationResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => ActivationView, {
    description:
      'One activation as your agency sees it. NOT_FOUND when it does not exist or is not visible to you.',
  })
  @ReadableBy(CASE_DATA)
  activation(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<ActivationView> {
    return this.reads.read({ actor, request, operation: 'activation' }, async (db) => {
      const [row]: ActivationRow[] = await db.query(
        `SELECT ${ACTIVATION_COLUMNS} FROM rm_activations WHERE agency = $1 AND activation_id = $2`,
        [actor.agency, id],
      );
      if (!row) throw activationNotFound(id);
      return { result: toActivationView(row), disclosures: [disclosureOfRow(row)] };
    });
  }
}
