import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { AgreementStatus, Role, type Actor } from '#domain';
import { ReadDatabase } from '#platform';
import { agreementsTable } from '#read-models';
import { CurrentActor, scopeOf } from '../../auth/index.js';
import { IsAgencyCode } from '../../input/index.js';
import { toSharingAgreement } from '../shared/agreement-row.mapper.js';
import { SharingAgreement } from './sharing-agreement.type.js';

@ArgsType()
export class ListAgreementsArgs {
  @Field({ nullable: true, description: 'Only this agency (policy admins; others always see their own).' })
  @IsOptional()
  @IsAgencyCode()
  agency?: string;

  @Field({ nullable: true, description: 'GRANTED, REVOKED or EXPIRED.' })
  @IsOptional()
  @IsIn(Object.values(AgreementStatus), { message: 'status must be GRANTED, REVOKED or EXPIRED' })
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
    const onlyAgency = actor.role === Role.POLICY_ADMIN ? agency : actor.agency;
    return this.reads.read(scopeOf(actor), async (db) =>
      (await agreementsTable.list(db, { agency: onlyAgency, status })).map(toSharingAgreement),
    );
  }
}
