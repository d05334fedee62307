import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/command-options.input.js';
import { IsText } from '../shared/input-rules.js';

@InputType()
export class CloseActivationInput extends ActivationCommandInput {
  @Field()
  @IsText()
  outcome!: string;
}
