import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_ID_MAX, DataCategory } from '#domain';
import { CommandOptionsInput } from '../../commands/index.js';
import {
  AGREEMENT_TEXT_MAX,
  IsInstant,
  IsSafetyRegion,
  IsText,
  NAME_MAX,
  NestedInput,
} from '../../input/index.js';

@InputType()
export class LegalBasisInput {
  @Field({ description: 'What the law allows, in words.' })
  @IsText(AGREEMENT_TEXT_MAX)
  text!: string;

  @Field({ description: 'Where it says so, e.g. "Wet SUWI art. 64".' })
  @IsText(NAME_MAX)
  reference!: string;
}

/** The terms a grant sets and an amendment may change. */
@InputType({ isAbstract: true })
export abstract class AgreementTermsFields extends CommandOptionsInput {
  @Field(() => [DataCategory], {
    nullable: true,
    description: 'The data categories; CASE must be among them.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(11)
  @IsEnum(DataCategory, { each: true })
  categories?: DataCategory[];

  @Field({ nullable: true, description: 'The purpose (processing activity) the data may be used for.' })
  @IsOptional()
  @IsText(AGREEMENT_TEXT_MAX)
  purpose?: string;

  @NestedInput(LegalBasisInput, { nullable: true })
  legalBasis?: LegalBasisInput;

  @Field(() => [String], {
    nullable: true,
    description: 'The processing activities (register ids, e.g. "case-coordination") the agreement serves.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(ACTIVITY_ID_MAX, { each: true })
  activities?: string[];

  @Field({ nullable: true, description: 'ISO 8601 with an offset.' })
  @IsOptional()
  @IsInstant()
  validFrom?: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601 with an offset; open-ended when absent.' })
  @IsOptional()
  @IsInstant()
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'A safety region VR01..VR25: only its activations.' })
  @IsOptional()
  @IsSafetyRegion()
  regionScope?: string | null;
}
