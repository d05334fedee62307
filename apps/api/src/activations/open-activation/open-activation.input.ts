import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, Matches, ValidateNested } from 'class-validator';
import { ActivationKind, ActivationTrigger, Theme } from '#domain';
import { EmployerInput, LocationInput, SignalInput } from '../shared/activation-parts.input.js';
import { CommandOptionsInput } from '../shared/command-options.input.js';
import { AGENCY_CODE, CLIENT_ID, MUNICIPALITY, SAFETY_REGION } from '../shared/input-rules.js';

@InputType()
export class OpenActivationInput extends CommandOptionsInput {
  @Field({ nullable: true, description: 'Your id for the activation; a UUID is chosen when left out.' })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'activationId must be 1-128 letters, digits or . _ : -' })
  activationId?: string;

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
  @Matches(SAFETY_REGION, { message: 'region must be a safety region VR01 to VR25' })
  region!: string;

  @Field({ description: 'CBS municipality code, e.g. GM0599.' })
  @Matches(MUNICIPALITY, { message: 'municipality must be a CBS code such as GM0599' })
  municipality!: string;

  @Field()
  @Matches(AGENCY_CODE, { message: 'leadAgency must be a known agency code such as NLA, GM0599 or VR17' })
  leadAgency!: string;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput;

  @Field(() => EmployerInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmployerInput)
  employer?: EmployerInput;

  @Field(() => SignalInput, {
    nullable: true,
    description: 'Required when kind is REPRESSIVE: the signal of the confirmed infection that triggered it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignalInput)
  initialSignal?: SignalInput;
}
