import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { InspectionCommandInput } from '../shared/activation-links.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType()
export class CancelInspectionInput extends InspectionCommandInput {
  @Field()
  @IsText()
  reason!: string;

  @TextCategories('reason for cancelling')
  reasonCategories?: DataCategory[];
}
