import { Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { SignalSourceKind } from '#domain';
import {
  BSN,
  IsAgencyCode,
  IsClientId,
  IsText,
  KVK_NUMBER,
  MAX_GRAPHQL_INT,
  NAME_MAX,
  NestedInput,
} from './input-rules.js';

/** How many persons one signal or finding may name, and how many amounts one finding may carry. */
export const SUBJECTS_MAX = 500;
export const AMOUNTS_MAX = 100;

@InputType()
export class LocationInput {
  @Field({ description: 'Street and house number.' })
  @IsText(NAME_MAX)
  address!: string;

  @Field({ nullable: true, description: 'Dutch postcode, e.g. 3011 AB.' })
  @IsOptional()
  @Matches(/^\d{4} ?[A-Za-z]{2}$/, { message: 'postcode must look like 3011 AB' })
  postcode?: string;

  @Field()
  @IsText(NAME_MAX)
  city!: string;
}

@InputType()
export class CompanyInput {
  @Field()
  @IsText(NAME_MAX)
  name!: string;

  @Field({ nullable: true, description: 'Chamber of Commerce number: 8 digits.' })
  @IsOptional()
  @Matches(KVK_NUMBER, { message: 'kvkNumber must be 8 digits' })
  kvkNumber?: string;
}

@InputType()
export class EmployerInput extends CompanyInput {
  @NestedInput(CompanyInput, {
    nullable: true,
    description: 'The staffing agency the workers are hired through.',
  })
  staffingAgency?: CompanyInput;
}

@InputType()
export class SubjectInput {
  @Field({ description: 'Your id for this person, the same across signals and findings of an activation.' })
  @IsClientId()
  subjectId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText(NAME_MAX)
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
  @IsAgencyCode()
  agency?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText(NAME_MAX)
  name?: string;
}

@InputType()
export class SignalInput {
  @Field({
    nullable: true,
    description:
      'Your id for the signal; pass one to name the signal later (escalateActivation). Left out, the ' +
      'server chooses it: in recordSignal the commandId (so a retry records the same signal), else a UUID.',
  })
  @IsOptional()
  @IsClientId()
  signalId?: string;

  @NestedInput(SignalSourceInput)
  source!: SignalSourceInput;

  @Field()
  @IsText()
  description!: string;

  @NestedInput(SubjectInput, { nullable: true, maxItems: SUBJECTS_MAX })
  subjects?: SubjectInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  confirmedInfection?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsText()
  healthDetail?: string;
}

@InputType()
export class MonetaryAmountInput {
  @Field({ description: 'What the amount is, such as "hourly wage paid" or "weekly deduction for housing".' })
  @IsText(NAME_MAX)
  label!: string;

  @Field(() => Int, { description: 'Amount in euro cents.' })
  @IsInt()
  @Min(0)
  @Max(MAX_GRAPHQL_INT, { message: '$property must be at most 2147483647 cents (GraphQL Int)' })
  euroCents!: number;
}
