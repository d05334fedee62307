import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsAgencyCode, IsText, TextCategories } from '../../input/index.js';

@InputType()
export class TransferLeadInput extends ActivationCommandInput {
  @Field({ description: 'The participating agency that leads from now on, such as UWV or GM0599.' })
  @IsAgencyCode()
  toAgency!: string;

  @Field({ nullable: true, description: 'Why the lead passes.' })
  @IsOptional()
  @IsText()
  reason?: string;

  @TextCategories('reason for transferring the lead')
  reasonCategories?: DataCategory[];
}
