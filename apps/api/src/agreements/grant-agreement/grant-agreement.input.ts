import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional } from 'class-validator';
import { DataCategory } from '#domain';
import { CommandOptionsInput } from '../../commands/index.js';
import {
  AGREEMENT_TEXT_MAX,
  IsAgencyCode,
  IsInstant,
  IsText,
  NestedInput,
  OptionalNewId,
  IsSafetyRegion,
} from '../../input/index.js';
import { LegalBasisInput } from '../shared/agreement-terms.input.js';

@InputType()
export class GrantAgreementInput extends CommandOptionsInput {
  @OptionalNewId('agreement')
  agreementId?: string;

  @Field({ description: 'The agency that may see the categories, e.g. NLA, GM0599, VR17.' })
  @IsAgencyCode()
  agency!: string;

  @Field(() => [DataCategory], { description: 'The data categories; CASE must be among them.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(11)
  @IsEnum(DataCategory, { each: true })
  categories!: DataCategory[];

  @Field({ description: 'The purpose (processing activity) the data may be used for.' })
  @IsText(AGREEMENT_TEXT_MAX)
  purpose!: string;

  @NestedInput(LegalBasisInput)
  legalBasis!: LegalBasisInput;

  @Field({ description: 'ISO 8601 with an offset; may lie in the past.' })
  @IsInstant()
  validFrom!: string;

  @Field({ nullable: true, description: 'ISO 8601 with an offset; open-ended when left out.' })
  @IsOptional()
  @IsInstant()
  validUntil?: string;

  @Field({
    nullable: true,
    description: 'A safety region VR01..VR25: the agreement covers only its activations.',
  })
  @IsOptional()
  @IsSafetyRegion()
  regionScope?: string;
}
