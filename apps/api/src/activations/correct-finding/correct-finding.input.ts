import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DataCategory } from '#domain';
import { MonetaryAmountInput } from '../shared/activation-parts.input.js';
import { CorrectionInput } from '../correct-subject/correct-subject.input.js';
import { AMOUNTS_MAX, IsClientId, IsText, NestedInput, TextCategories } from '../../input/index.js';

@InputType()
export class CorrectFindingInput extends CorrectionInput {
  @Field()
  @IsClientId()
  findingId!: string;

  @Field({ nullable: true, description: 'The description as it should have been recorded.' })
  @IsOptional()
  @IsText()
  description?: string;

  @TextCategories('description')
  descriptionCategories?: DataCategory[];

  @NestedInput(MonetaryAmountInput, {
    nullable: true,
    maxItems: AMOUNTS_MAX,
    description: 'The amounts as they should have been recorded (INCOME, BENEFITS and TAX findings).',
  })
  amounts?: MonetaryAmountInput[];
}
