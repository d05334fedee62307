import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType()
export class CloseActivationInput extends ActivationCommandInput {
  @Field()
  @IsText()
  outcome!: string;

  @TextCategories('outcome')
  outcomeCategories?: DataCategory[];
}
