import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, OptionalNewId, TextCategories } from '../../input/index.js';

@InputType()
export class FileReportInput extends ActivationCommandInput {
  @OptionalNewId('report')
  reportId?: string;

  @Field({ description: 'What happened in the activation, in order.' })
  @IsText()
  summary!: string;

  @TextCategories('summary')
  summaryCategories?: DataCategory[];

  @Field({ description: 'What it led to.' })
  @IsText()
  outcome!: string;

  @TextCategories('outcome')
  outcomeCategories?: DataCategory[];
}
