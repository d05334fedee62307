import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { AgreementStatus, Role, type Actor } from '#domain';
import { agreementStreamId, VersionTokens } from '#events';
import { ReadDatabase } from '#platform';
import { agreementsTable, AgreementRow } from '#read-models';
import { CurrentActor, scopeOf } from '../../auth/index.js';
import { IsAgencyCode } from '../../input/index.js';
import { toSharingAgreement } from '../shared/agreement-row.mapper.js';
import { SharingAgreement } from './sharing-agreement.type.js';

@ArgsType()
export class ListAgreementsArgs {
  @Field({
    nullable: true,
    description: 'Only this recipient agency (policy admins; others always see their own).',
  })
  @IsOptional()
  @IsAgencyCode()
  agency?: string;

  @Field(() => AgreementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementStatus)
  status?: AgreementStatus;
}

@Resolver(() => SharingAgreement)
export class ListAgreementsResolver {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => [SharingAgreement], {
    description:
      'The data-sharing agreements: a policy admin sees those its agency is party to (as recipient or as the ' +
      "approving party), anyone else only their own agency's.",
  })
  agreements(
    @Args() { agency, status }: ListAgreementsArgs,
    @CurrentActor() actor: Actor,
  ): Promise<SharingAgreement[]> {
    // Row-level security enforces the same rule below the api (rm_agreements_visible).
    const admin = actor.role === Role.POLICY_ADMIN;
    return this.reads.read(scopeOf(actor), async (db) =>
      (
        await agreementsTable.list(db, {
          agency: admin ? agency : actor.agency,
          status,
          ...(admin && { party: actor.agency }),
        })
      ).map((row) => this.toType(row)),
    );
  }

  @Query(() => [SharingAgreement], {
    description:
      'The proposals waiting for your agency to decide: agreements and changes the other party proposed, to ' +
      'approve or reject. Policy admins only; empty for others.',
  })
  pendingAgreements(@CurrentActor() actor: Actor): Promise<SharingAgreement[]> {
    if (actor.role !== Role.POLICY_ADMIN) return Promise.resolve([]);
    return this.reads.read(scopeOf(actor), async (db) =>
      (await agreementsTable.pendingFor(db, actor.agency)).map((row) => this.toType(row)),
    );
  }

  private toType(row: AgreementRow): SharingAgreement {
    return toSharingAgreement(row, this.tokens.of(agreementStreamId(row.agreement_id), row.stream_version));
  }
}
