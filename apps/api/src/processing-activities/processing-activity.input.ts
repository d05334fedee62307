import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_ID_MAX } from '#domain';
import { CommandOptionsInput } from '../commands/index.js';
import { AGREEMENT_TEXT_MAX, IsAgencyCode, IsText, NAME_MAX, NestedInput } from '../input/index.js';
import { LegalBasisInput } from '../agreements/index.js';
import { SelectionListCategoryInput } from '../retention/index.js';

/** What a register entry says (AVG art. 30): the terms a proposal or a change sets. */
@InputType({ isAbstract: true })
abstract class ProcessingActivityTermsInput extends CommandOptionsInput {
  @Field(() => ID, { description: 'The register id reads declare in x-purpose, e.g. "case-coordination".' })
  @IsString()
  @MaxLength(ACTIVITY_ID_MAX)
  activityId!: string;

  @Field()
  @IsText(NAME_MAX)
  name!: string;

  @Field()
  @IsText(AGREEMENT_TEXT_MAX)
  purpose!: string;

  @NestedInput(LegalBasisInput)
  legalBasis!: LegalBasisInput;

  @Field(() => [String], { description: 'The (joint) controllers: at least two agencies.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsAgencyCode({ each: true })
  controllers!: string[];

  @Field({ description: 'How long records of it are kept: an ISO 8601 period such as P5Y.' })
  @IsString()
  @MaxLength(20)
  retention!: string;

  @NestedInput(SelectionListCategoryInput, {
    nullable: true,
    description:
      "The selection-list category (Archiefwet) of its records: each activation's archive decision when it closes.",
  })
  selectionListCategory?: SelectionListCategoryInput;
}

@InputType()
export class ProposeProcessingActivityInput extends ProcessingActivityTermsInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsText(AGREEMENT_TEXT_MAX)
  reason?: string;
}

@InputType()
export class ChangeProcessingActivityInput extends ProcessingActivityTermsInput {
  @Field({ description: 'Why the entry changes; its next version once another controller approves.' })
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}

@InputType({ isAbstract: true })
abstract class DecideProcessingActivityInput extends CommandOptionsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(ACTIVITY_ID_MAX)
  activityId!: string;

  @Field()
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}

@InputType()
export class ApproveProcessingActivityInput extends DecideProcessingActivityInput {}

@InputType()
export class RejectProcessingActivityInput extends DecideProcessingActivityInput {}
