import { Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { agreementsTable } from '#read-models';
import { AGREEMENT_WARNING_DAYS, toAgreementInForce, toAgreementWarning } from '../../agreements/index.js';
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
      agreementWarnings: actor.role === Role.POLICY_ADMIN ? await this.warnings(db, actor.agency) : [],
    }));
  }

  private async warnings(db: Parameters<Parameters<ReadDatabase['read']>[1]>[0], agency: string) {
    const now = new Date();
    const until = new Date(now.getTime() + AGREEMENT_WARNING_DAYS * 86_400_000);
    return (await agreementsTable.endingBefore(db, agency, until)).map((row) => toAgreementWarning(row, now));
  }
}
