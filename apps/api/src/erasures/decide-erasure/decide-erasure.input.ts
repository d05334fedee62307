import { Field, ID, InputType } from '@nestjs/graphql';
import { IdempotentCommandInput } from '../../commands/index.js';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/index.js';

/** Approving or rejecting an erasure request: always with a reason, for the record. */
@InputType({ isAbstract: true })
export abstract class DecideErasureInput extends IdempotentCommandInput {
  @Field(() => ID)
  @IsClientId()
  erasureId!: string;

  @Field({
    description:
      'Why you decide so: your agency’s privacy officers read it, and it is kept after the erasure; say why, never whom.',
  })
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}

@InputType()
export class ApproveErasureInput extends DecideErasureInput {}

@InputType()
export class RejectErasureInput extends DecideErasureInput {}
