import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { Role, type Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { IsAgencyCode } from '../../activations/shared/input-rules.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { scopeOf } from '../../reads/shared/read-access.guard.js';
import { AGREEMENT_COLUMNS, AgreementRow, toSharingAgreement } from './agreement-row.mapper.js';
import { SharingAgreement } from './sharing-agreement.type.js';

@ArgsType()
export class ListAgreementsArgs {
  @Field({ nullable: true, description: 'Only this agency (policy admins; others always see their own).' })
  @IsOptional()
  @IsAgencyCode()
  agency?: string;

  @Field({ nullable: true, description: 'GRANTED, REVOKED or EXPIRED.' })
  @IsOptional()
  @Matches(/^(GRANTED|REVOKED|EXPIRED)$/, { message: 'status must be GRANTED, REVOKED or EXPIRED' })
  status?: string;
}

@Resolver(() => SharingAgreement)
export class ListAgreementsResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => [SharingAgreement], {
    description:
      "The data-sharing agreements: a policy admin sees every agency's, anyone else only their own agency's.",
  })
  agreements(
    @Args() { agency, status }: ListAgreementsArgs,
    @CurrentActor() actor: Actor,
  ): Promise<SharingAgreement[]> {
    // Row-level security enforces the same rule below the api (rm_agreements_visible).
    const onlyAgency = actor.role === Role.POLICY_ADMIN ? (agency ?? null) : actor.agency;
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows: AgreementRow[] = await db.query(
        `SELECT ${AGREEMENT_COLUMNS} FROM rm_agreements
         WHERE ($1::text IS NULL OR agency = $1) AND ($2::text IS NULL OR status = $2)
         ORDER BY agency, valid_from, agreement_id LIMIT 1000`,
        [onlyAgency, status ?? null],
      );
      return rows.map(toSharingAgreement);
    });
  }
}
