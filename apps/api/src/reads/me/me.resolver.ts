import { Query, Resolver } from '@nestjs/graphql';
import type { Actor, DataCategory } from '#domain';
import { ReadDatabase } from '#platform';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { scopeOf } from '../shared/read-access.guard.js';
import { AgreementInForce, Viewer } from './viewer.type.js';

interface AgreementRow {
  agreement_id: string;
  categories: string[];
  purpose: string;
  legal_basis: string;
  legal_reference: string;
  valid_from: Date;
  valid_until: Date | null;
  region_scope: string | null;
}

@Resolver(() => Viewer)
export class MeResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => Viewer, { description: 'You (from your token) and the agreements your agency reads under.' })
  me(@CurrentActor() actor: Actor): Promise<Viewer> {
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows: AgreementRow[] = await db.query(
        `SELECT agreement_id, categories, purpose, legal_basis, legal_reference, valid_from, valid_until, region_scope
         FROM rm_agreements
         WHERE agency = $1 AND status = 'GRANTED' AND valid_from <= now() AND (valid_until IS NULL OR now() < valid_until)
         ORDER BY valid_from, agreement_id`,
        [actor.agency],
      );
      return {
        userId: actor.userId,
        agency: actor.agency,
        role: actor.role,
        region: actor.region ?? null,
        agreementsInForce: rows.map(toAgreement),
      };
    });
  }
}

function toAgreement(row: AgreementRow): AgreementInForce {
  return {
    agreementId: row.agreement_id,
    categories: row.categories as DataCategory[],
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    legalReference: row.legal_reference,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    regionScope: row.region_scope,
  };
}
