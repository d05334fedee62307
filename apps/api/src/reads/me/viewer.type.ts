import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory, Role } from '#domain';

@ObjectType({ description: 'A data-sharing agreement of your agency that is in force now.' })
export class AgreementInForce {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => [DataCategory], { description: 'The categories of data it lets your agency see.' })
  categories!: DataCategory[];

  @Field()
  purpose!: string;

  @Field({ description: 'The legal basis, in words.' })
  legalBasis!: string;

  @Field({ description: 'Where the legal basis is written down (article, decision).' })
  legalReference!: string;

  @Field()
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Null when it runs until revoked.' })
  validUntil!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The safety region it is limited to: its categories count only for activations there. Null: everywhere.',
  })
  regionScope!: string | null;
}

@ObjectType({ description: 'Who you are to keten, and what your agency may see.' })
export class Viewer {
  @Field()
  userId!: string;

  @Field()
  agency!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => [AgreementInForce], {
    description:
      "Your agency's agreements in force now (granted, validFrom ≤ now < validUntil). What you see of an activation is the union of the categories of those whose region scope is absent or the activation's region.",
  })
  agreementsInForce!: AgreementInForce[];
}
