import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional } from 'class-validator';
import { ActivationKind, ActivationTrigger, DataCategory, Theme } from '#domain';
import { EmployerInput, LocationInput, SignalInput } from '../shared/activation-parts.input.js';
import { IdempotentCommandInput } from '../../commands/index.js';
import {
  IsAgencyCode,
  IsMunicipality,
  IsSafetyRegion,
  IsText,
  NAME_MAX,
  NestedInput,
  OptionalNewId,
  TextCategories,
} from '../../input/index.js';

@InputType()
export class OpenActivationInput extends IdempotentCommandInput {
  @OptionalNewId('activation')
  activationId?: string;

  @Field({
    description:
      'What the case is about, in a line (e.g. "Kas Westland: overbewoning"); keten adds the case number.',
  })
  @IsText(NAME_MAX)
  title!: string;

  @TextCategories('title')
  titleCategories?: DataCategory[];

  @Field(() => ActivationKind)
  @IsEnum(ActivationKind)
  kind!: ActivationKind;

  @Field(() => ActivationTrigger)
  @IsEnum(ActivationTrigger)
  trigger!: ActivationTrigger;

  @Field(() => [Theme])
  @ArrayMinSize(1, { message: 'themes must name at least one theme' })
  @ArrayMaxSize(4)
  @IsEnum(Theme, { each: true })
  themes!: Theme[];

  @Field({ description: 'Safety region VR01..VR25.' })
  @IsSafetyRegion()
  region!: string;

  @Field({ description: 'CBS municipality code, e.g. GM0599.' })
  @IsMunicipality()
  municipality!: string;

  @Field({
    nullable: true,
    description:
      "The agency that leads; left out, your own. Only the region's coordinator names another agency.",
  })
  @IsOptional()
  @IsAgencyCode()
  leadAgency?: string;

  @NestedInput(LocationInput, { nullable: true })
  location?: LocationInput;

  @NestedInput(EmployerInput, { nullable: true })
  employer?: EmployerInput;

  @NestedInput(SignalInput, {
    nullable: true,
    description: 'Required when kind is REPRESSIVE: the signal of the confirmed infection that triggered it.',
  })
  initialSignal?: SignalInput;
}
