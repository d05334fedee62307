import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { IdempotentCommandInput } from '../../commands/index.js';
import { AGREEMENT_TEXT_MAX, IsBsnFormat, IsClientId, IsText, OptionalNewId } from '../../input/index.js';
import { ErasureGround } from '../shared/erasure-enums.graphql.js';

/**
 * Whom to erase — a person by BSN (in every case), or one subject of one activation — and why. The domain
 * checks the BSN's eleven-test and that exactly one of the two is named.
 */
@InputType()
export class RequestErasureInput extends IdempotentCommandInput {
  @OptionalNewId('erasure request')
  erasureId?: string;

  @Field({
    nullable: true,
    description:
      'The person to erase in every case, by burgerservicenummer (9 digits passing the eleven-test). It is ' +
      'turned into the pseudonym the person’s keys are filed under and never stored.',
  })
  @IsOptional()
  @IsBsnFormat()
  bsn?: string;

  @Field(() => ID, { nullable: true, description: 'With subjectId: the activation of the subject to erase.' })
  @IsOptional()
  @IsClientId()
  activationId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'With activationId: the subject id the case names them by.',
  })
  @IsOptional()
  @IsClientId()
  subjectId?: string;

  @Field(() => ErasureGround)
  @IsEnum(ErasureGround)
  ground!: ErasureGround;

  @Field({
    description:
      'Why, for the record: your agency’s privacy officers read it, and it is kept after the erasure. Say ' +
      'why, never whom (a reason naming a BSN is refused).',
  })
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}
