import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText } from '../../input/index.js';

@InputType()
export class ReopenActivationInput extends ActivationCommandInput {
  @Field({ description: 'Why the closed activation needs more work.' })
  @IsText()
  reason!: string;
}
