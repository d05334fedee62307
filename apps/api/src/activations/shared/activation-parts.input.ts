import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SignalSourceKind } from '#domain';
import { AGENCY_CODE, BSN, CLIENT_ID, KVK_NUMBER, NAME_MAX, TEXT_MAX } from './input-rules.js';

@InputType()
export class LocationInput {
  @Field({ description: 'Street and house number.' })
  @IsString()
  @Length(1, NAME_MAX)
  address!: string;

  @Field({ nullable: true, description: 'Dutch postcode, e.g. 3011 AB.' })
  @IsOptional()
  @Matches(/^\d{4} ?[A-Za-z]{2}$/, { message: 'postcode must look like 3011 AB' })
  postcode?: string;

  @Field()
  @IsString()
  @Length(1, NAME_MAX)
  city!: string;
}

@InputType()
export class CompanyInput {
  @Field()
  @IsString()
  @Length(1, NAME_MAX)
  name!: string;

  @Field({ nullable: true, description: 'Chamber of Commerce number: 8 digits.' })
  @IsOptional()
  @Matches(KVK_NUMBER, { message: 'kvkNumber must be 8 digits' })
  kvkNumber?: string;
}

@InputType()
export class EmployerInput extends CompanyInput {
  @Field(() => CompanyInput, {
    nullable: true,
    description: 'The staffing agency the workers are hired through.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompanyInput)
  staffingAgency?: CompanyInput;
}

@InputType()
export class SubjectInput {
  @Field({ description: 'Your id for this person, the same across signals and findings of an activation.' })
  @Matches(CLIENT_ID, { message: 'subjectId must be 1-128 letters, digits or . _ : -' })
  subjectId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  name?: string;

  @Field({ nullable: true, description: 'Burgerservicenummer: 9 digits passing the eleven-test.' })
  @IsOptional()
  @Matches(BSN, { message: 'bsn must be 9 digits' })
  bsn?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'birthDate must be a date as YYYY-MM-DD' })
  @Length(10, 10, { message: 'birthDate must be a date as YYYY-MM-DD' })
  birthDate?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. PL.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be a two-letter country code such as PL' })
  nationality?: string;
}

@InputType()
export class SignalSourceInput {
  @Field(() => SignalSourceKind)
  @IsEnum(SignalSourceKind)
  kind!: SignalSourceKind;

  @Field({ nullable: true, description: 'The partner agency, when kind is PARTNER_AGENCY.' })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'agency must be a known agency code such as NLA, GM0599 or VR17' })
  agency?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  name?: string;
}

@InputType()
export class SignalInput {
  @Field({ nullable: true, description: 'Your id for the signal; a UUID is chosen when left out.' })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'signalId must be 1-128 letters, digits or . _ : -' })
  signalId?: string;

  @Field(() => SignalSourceInput)
  @ValidateNested()
  @Type(() => SignalSourceInput)
  source!: SignalSourceInput;

  @Field()
  @IsString()
  @Length(1, TEXT_MAX)
  description!: string;

  @Field(() => [SubjectInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SubjectInput)
  subjects?: SubjectInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  confirmedInfection?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  healthDetail?: string;
}

@InputType()
export class MonetaryAmountInput {
  @Field()
  @IsString()
  @Length(1, NAME_MAX)
  label!: string;

  @Field(() => Int, { description: 'Amount in euro cents.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_00)
  euroCents!: number;
}
