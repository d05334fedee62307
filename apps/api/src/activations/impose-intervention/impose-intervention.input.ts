import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, Min } from 'class-validator';
import { InterventionType, DataCategory } from '#domain';
import { EmployerInput, LocationInput } from '../shared/activation-parts.input.js';
import { EvidenceLinksInput } from '../shared/activation-links.input.js';
import {
  EuroCentsScalar,
  IsText,
  NAME_MAX,
  NestedInput,
  OptionalNewId,
  TextCategories,
} from '../../input/index.js';

@InputType()
export class ImposeInterventionInput extends EvidenceLinksInput {
  @OptionalNewId('intervention')
  interventionId?: string;

  @Field(() => InterventionType)
  @IsEnum(InterventionType)
  interventionType!: InterventionType;

  @Field()
  @IsText()
  description!: string;

  @TextCategories('description')
  descriptionCategories?: DataCategory[];

  @NestedInput(EmployerInput, {
    nullable: true,
    description: "Whom the measure is addressed to; the activation's employer when left out.",
  })
  addressee?: EmployerInput;

  @Field(() => EuroCentsScalar, {
    nullable: true,
    description: 'The fine in euro cents, any size: required for FINE, refused otherwise.',
  })
  @IsOptional()
  @Min(1, { message: 'amountEuroCents must be above zero' })
  amountEuroCents?: number;

  @Field({ nullable: true, description: 'The article the measure rests on, e.g. "art. 18 Wav".' })
  @IsOptional()
  @IsText(NAME_MAX)
  legalBasis?: string;

  @NestedInput(LocationInput, {
    nullable: true,
    description: "Where the measure applies; for CLOSURE the activation's location when left out.",
  })
  location?: LocationInput;
}
