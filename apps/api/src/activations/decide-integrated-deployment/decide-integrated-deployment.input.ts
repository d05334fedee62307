import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean } from 'class-validator';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { AGENCIES_MAX, IsAgencyCode, IsText, TextCategories } from '../../input/index.js';

@InputType()
export class DecideIntegratedDeploymentInput extends ActivationCommandInput {
  @Field()
  @IsBoolean()
  integrated!: boolean;

  @Field(() => [String], {
    description: 'When integrated, at least two participating agencies that act together; empty otherwise.',
  })
  @ArrayMaxSize(AGENCIES_MAX)
  @IsAgencyCode({ each: true })
  agencies!: string[];

  @Field()
  @IsText()
  rationale!: string;

  @TextCategories('rationale')
  rationaleCategories?: DataCategory[];
}
