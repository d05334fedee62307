import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional } from 'class-validator';
import { LocationInput } from '../shared/activation-parts.input.js';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { AGENCIES_MAX, IsAgencyCode, IsClientId, IsInstant, NestedInput } from '../../input/index.js';

@InputType()
export class ScheduleInspectionInput extends ActivationCommandInput {
  @Field({
    description:
      'Your id for the inspection. Required, because completing, cancelling and recording what it found name it.',
  })
  @IsClientId()
  inspectionId!: string;

  @Field({ description: 'When, as ISO 8601 with an offset, e.g. 2020-06-01T09:30:00+02:00.' })
  @IsInstant()
  plannedAt!: string;

  @NestedInput(LocationInput)
  location!: LocationInput;

  @Field(() => [String], {
    nullable: true,
    description: 'The participating agencies that take part; your own agency when left out.',
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'agencies must name at least one agency, or be left out' })
  @ArrayMaxSize(AGENCIES_MAX)
  @IsAgencyCode({ each: true })
  agencies?: string[];
}
