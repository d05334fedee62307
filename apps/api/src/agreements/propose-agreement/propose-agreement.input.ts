import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_ID_MAX, DataCategory } from '#domain';
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

/** A proposal of a new agreement: in force only once a policy admin of the other party approves it. */
@InputType()
export class ProposeAgreementInput extends CommandOptionsInput {
  @OptionalNewId('agreement')
  agreementId?: string;

  @Field({ description: 'The agency that may see the categories, e.g. NLA, GM0599, VR17.' })
  @IsAgencyCode()
  agency!: string;

  @Field({
    description:
      'The other party, whose policy admin approves or rejects the proposal: the agency that shares the data ' +
      '(or coordinates the chain) when the recipient proposes, the recipient when the other party proposes.',
  })
  @IsAgencyCode()
  approverAgency!: string;

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

  @Field(() => [String], {
    nullable: true,
    description: 'The processing activities (register ids) it serves; "case-coordination" when left out.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(ACTIVITY_ID_MAX, { each: true })
  activities?: string[];

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

  @Field({
    nullable: true,
    description: 'Why the agreement is proposed, for the other party and the record.',
  })
  @IsOptional()
  @IsText(AGREEMENT_TEXT_MAX)
  reason?: string;
}

/** grantAgreement's input: the same proposal under its earlier name. */
@InputType()
export class GrantAgreementInput extends ProposeAgreementInput {}
