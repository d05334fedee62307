import { Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { scopeOf } from '../shared/read-access.guard.js';
import {
  AGREEMENT_COLUMNS,
  AgreementRow,
  toAgreementInForce,
} from '../../agreements/list-agreements/agreement-row.mapper.js';
import { Viewer } from './viewer.type.js';

@Resolver(() => Viewer)
export class MeResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => Viewer, { description: 'You (from your token) and the agreements your agency reads under.' })
  me(@CurrentActor() actor: Actor): Promise<Viewer> {
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows: AgreementRow[] = await db.query(
        `SELECT ${AGREEMENT_COLUMNS} FROM rm_agreements
         WHERE agency = $1 AND status = 'GRANTED' AND valid_from <= now() AND (valid_until IS NULL OR now() < valid_until)
         ORDER BY valid_from, agreement_id`,
        [actor.agency],
      );
      return {
        userId: actor.userId,
        agency: actor.agency,
        role: actor.role,
        region: actor.region ?? null,
        agreementsInForce: rows.map(toAgreementInForce),
      };
    });
  }
}
