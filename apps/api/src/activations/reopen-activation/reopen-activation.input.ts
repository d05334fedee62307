import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType()
export class ReopenActivationInput extends ActivationCommandInput {
  @Field({ description: 'Why the closed activation needs more work.' })
  @IsText()
  reason!: string;

  @TextCategories('reason for reopening')
  reasonCategories?: DataCategory[];
}
