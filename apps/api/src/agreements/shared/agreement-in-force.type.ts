import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '#domain';

@ObjectType({ description: 'A data-sharing agreement of your agency that is in force now.' })
export class AgreementInForce {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => [DataCategory], { description: 'The categories of data it lets your agency see.' })
  categories!: DataCategory[];

  @Field(() => [String], { description: 'The processing activities (register ids) it serves.' })
  activities!: string[];

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
