import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType({ description: 'The agency that leaves is the one in your token.' })
export class LeaveActivationInput extends ActivationCommandInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsText()
  reason?: string;

  @TextCategories('reason for leaving')
  reasonCategories?: DataCategory[];
}
