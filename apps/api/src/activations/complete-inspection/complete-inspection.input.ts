import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { InspectionCommandInput } from '../shared/activation-links.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType()
export class CompleteInspectionInput extends InspectionCommandInput {
  @Field({ description: 'What the inspection found and did, in brief; record the findings one by one.' })
  @IsText()
  outcomeSummary!: string;

  @TextCategories('outcome summary')
  outcomeSummaryCategories?: DataCategory[];
}
