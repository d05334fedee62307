import { Field, ObjectType } from '@nestjs/graphql';
import { AgreementStatus, DataCategory } from '#domain';
import '../shared/agreement-enums.graphql.js';
import { AgreementInForce } from '../shared/agreement-in-force.type.js';

@ObjectType({
  description: 'A proposal waiting for the other party: the first terms of an agreement, or a change.',
})
export class PendingAgreementProposal {
  @Field({ description: 'AGREEMENT (its first terms) or AMENDMENT (a change of the terms in force).' })
  kind!: string;

  @Field(() => [DataCategory])
  categories!: DataCategory[];

  @Field(() => [String])
  activities!: string[];

  @Field()
  purpose!: string;

  @Field()
  legalBasis!: string;

  @Field()
  legalReference!: string;

  @Field()
  validFrom!: Date;

  @Field(() => Date, { nullable: true })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true })
  regionScope!: string | null;

  @Field()
  proposedBy!: string;

  @Field()
  proposerAgency!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({
  description: 'A data-sharing agreement as recorded: proposed, in force, rejected, revoked or expired.',
})
export class SharingAgreement extends AgreementInForce {
  @Field({ description: 'The agency the agreement lets see the categories.' })
  agency!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The other party, who approves what the agency proposes and vice versa (null: recorded before four eyes).',
  })
  approverAgency!: string | null;

  @Field(() => AgreementStatus)
  status!: AgreementStatus;

  @Field({ description: 'The policy admin who proposed it (or, before four eyes, granted it).' })
  grantedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The policy admin whose approval brought its terms in force.',
  })
  approvedBy!: string | null;

  @Field(() => PendingAgreementProposal, { nullable: true, description: 'What waits for a decision.' })
  pending!: PendingAgreementProposal | null;

  @Field({ description: 'Its current version, to send as `expectedVersion` with the next command on it.' })
  version!: string;
}
