import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ErasureGround, ErasureRequestScope, ErasureStatus } from '../shared/erasure-enums.graphql.js';

/**
 * An erasure request as privacy officers see it: what it asks and who decided, never whom it erases (no
 * BSN, no pseudonym, no subject id).
 */
@ObjectType('ErasureRequest')
export class ErasureRequestView {
  @Field(() => ID)
  erasureId!: string;

  @Field(() => ErasureRequestScope)
  scope!: ErasureRequestScope;

  @Field(() => ID, {
    nullable: true,
    description:
      'The activation a CASE_SUBJECT request names, shown to privacy officers of the requester’s agency only ' +
      '(null for others, and for PERSON requests): which case another agency asked about is not theirs to learn.',
  })
  activationId!: string | null;

  @Field(() => ErasureGround)
  ground!: ErasureGround;

  @Field()
  reason!: string;

  @Field(() => ErasureStatus)
  status!: ErasureStatus;

  @Field()
  requestedBy!: string;

  @Field()
  requesterAgency!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true })
  deciderAgency!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The second privacy officer’s reason.' })
  decisionReason!: string | null;

  @Field({
    description:
      'Whether you may decide it: it is REQUESTED and you did not ask for it yourself (four eyes).',
  })
  decidable!: boolean;
}
