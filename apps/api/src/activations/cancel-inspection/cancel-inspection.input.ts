import { Field, InputType } from '@nestjs/graphql';
import { InspectionCommandInput } from '../shared/activation-links.input.js';
import { IsText } from '../../input/input-rules.js';

@InputType()
export class CancelInspectionInput extends InspectionCommandInput {
  @Field()
  @IsText()
  reason!: string;
}
