import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/command-options.input.js';
import { IsText } from '../shared/input-rules.js';

@InputType()
export class ReopenActivationInput extends ActivationCommandInput {
  @Field({ description: 'Why the closed activation needs more work.' })
  @IsText()
  reason!: string;
}
