import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, Min } from 'class-validator';
import { SignalSourceKind, DataCategory } from '#domain';
import {
  IsAgencyCode,
  IsBsnFormat,
  IsCalendarDate,
  IsClientId,
  IsCountryCode,
  IsKvkNumber,
  IsPostcode,
  IsText,
  EuroCentsScalar,
  NAME_MAX,
  NestedInput,
  SUBJECTS_MAX,
  TextCategories,
} from '../../input/index.js';

@InputType()
export class LocationInput {
  @Field({ description: 'Street and house number.' })
  @IsText(NAME_MAX)
  address!: string;

  @Field({ nullable: true, description: 'Dutch postcode, e.g. 3011 AB.' })
  @IsOptional()
  @IsPostcode()
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
  @IsKvkNumber()
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
  @IsBsnFormat()
  bsn?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. PL.' })
  @IsOptional()
  @IsCountryCode()
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

  @TextCategories('description')
  descriptionCategories?: DataCategory[];

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

  @TextCategories('health detail')
  healthDetailCategories?: DataCategory[];
}

@InputType()
export class MonetaryAmountInput {
  @Field({ description: 'What the amount is, such as "hourly wage paid" or "weekly deduction for housing".' })
  @IsText(NAME_MAX)
  label!: string;

  @Field(() => EuroCentsScalar, { description: 'Amount in euro cents, any size.' })
  @Min(0)
  euroCents!: number;
}
