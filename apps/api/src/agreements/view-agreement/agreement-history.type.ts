import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '#domain';
import { SharingAgreement } from '../list-agreements/sharing-agreement.type.js';

@ObjectType({
  description: 'One step in the life of an agreement: who did what, when and why, and the terms then.',
})
export class AgreementHistoryEntry {
  @Field(() => Int, { description: 'The step (1, 2, 3, …) in the agreement stream.' })
  streamVersion!: number;

  @Field({ description: 'The agreement version after this step (an opaque token).' })
  version!: string;

  @Field({
    description:
      'What happened: agreement.proposed, agreement.amendment-proposed, agreement.approved, agreement.rejected, ' +
      'agreement.revoked, agreement.expired (agreement.granted and agreement.amended before four eyes).',
  })
  type!: string;

  @Field()
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The policy admin (null: the clock, for an expiry).' })
  by!: string | null;

  @Field(() => String, { nullable: true, description: "The acting admin's agency." })
  agency!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => [DataCategory], {
    nullable: true,
    description: 'The terms this step proposed or brought in force.',
  })
  categories!: DataCategory[] | null;

  @Field(() => [String], { nullable: true })
  activities!: string[] | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => Date, { nullable: true })
  validFrom!: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true })
  regionScope!: string | null;
}

@ObjectType({ description: 'An agreement as it stands, with every step that led there.' })
export class AgreementWithHistory extends SharingAgreement {
  @Field(() => [AgreementHistoryEntry])
  history!: AgreementHistoryEntry[];
}
