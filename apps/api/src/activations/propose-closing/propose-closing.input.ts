import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType({ description: 'The agency that proposes is the one in your token.' })
export class ProposeClosingInput extends ActivationCommandInput {
  @Field({ description: 'Why the activation can be closed.' })
  @IsText()
  reason!: string;

  @TextCategories('reason for closing')
  reasonCategories?: DataCategory[];
}
