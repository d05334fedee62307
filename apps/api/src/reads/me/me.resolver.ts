import { Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { agreementsTable } from '#read-models';
import { toAgreementInForce } from '../../agreements/index.js';
import { CurrentActor, scopeOf } from '../../auth/index.js';
import { Viewer } from './viewer.type.js';

@Resolver(() => Viewer)
export class MeResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => Viewer, { description: 'You (from your token) and the agreements your agency reads under.' })
  me(@CurrentActor() actor: Actor): Promise<Viewer> {
    return this.reads.read(scopeOf(actor), async (db) => ({
      userId: actor.userId,
      agency: actor.agency,
      role: actor.role,
      region: actor.region ?? null,
      agreementsInForce: (await agreementsTable.inForce(db, actor.agency)).map(toAgreementInForce),
    }));
  }
}
