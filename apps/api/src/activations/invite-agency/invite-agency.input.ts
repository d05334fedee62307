import { DataCategory } from '#domain';
import { IsOptional } from 'class-validator';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsAgencyCode, IsText, TextCategories } from '../../input/index.js';

@InputType()
export class InviteAgencyInput extends ActivationCommandInput {
  @Field({ description: 'The agency to invite, such as UWV, GM0599, VR17 or GGD17.' })
  @IsAgencyCode()
  agency!: string;

  @Field({ nullable: true, description: 'Why the agency is asked to join: what it reads in its inbox.' })
  @IsOptional()
  @IsText()
  reason?: string;

  @TextCategories('reason for the invitation')
  reasonCategories?: DataCategory[];
}
