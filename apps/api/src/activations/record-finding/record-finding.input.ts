import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { DataCategory } from '#domain';
import { MonetaryAmountInput, SubjectInput } from '../shared/activation-parts.input.js';
import { InspectionLinkInput } from '../shared/activation-links.input.js';
import {
  AMOUNTS_MAX,
  IsClientId,
  IsText,
  NestedInput,
  SUBJECTS_MAX,
  TextCategories,
} from '../../input/index.js';

@InputType()
export class RecordFindingInput extends InspectionLinkInput {
  @Field({
    description:
      'Your id for the finding. Required, because escalating, interventions and referrals name findings.',
  })
  @IsClientId()
  findingId!: string;

  @Field(() => DataCategory, {
    description:
      'What the finding is about: LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX or CRIMINAL. ' +
      'CASE, INTERVENTION and REPORT describe the case itself and are refused.',
  })
  @IsEnum(DataCategory)
  category!: DataCategory;

  @Field()
  @IsText()
  description!: string;

  @TextCategories('description')
  descriptionCategories?: DataCategory[];

  @NestedInput(SubjectInput, { nullable: true, maxItems: SUBJECTS_MAX })
  subjects?: SubjectInput[];

  @NestedInput(MonetaryAmountInput, {
    nullable: true,
    maxItems: AMOUNTS_MAX,
    description: 'Money amounts, on INCOME, BENEFITS and TAX findings only.',
  })
  amounts?: MonetaryAmountInput[];

  @Field({ nullable: true, description: 'On HEALTH findings only.' })
  @IsOptional()
  @IsBoolean()
  confirmedInfection?: boolean;
}
