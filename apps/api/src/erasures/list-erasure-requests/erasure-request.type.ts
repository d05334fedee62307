import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ErasureGround, ErasureRequestScope, ErasureStatus } from '../shared/erasure-enums.graphql.js';

/**
 * An erasure request as the privacy officers of its agency see it: what it asks and who decided, never whom
 * it erases (no BSN, no pseudonym, no subject id).
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
      'The activation a CASE_SUBJECT request names (null for PERSON requests). You see your own agency’s ' +
      'requests only.',
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
