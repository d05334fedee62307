import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches, ValidateBy, ValidationArguments } from 'class-validator';
import {
  IsAgencyCode,
  IsClientId,
  IsInstant,
  IsPlainText,
  NestedInput,
  NullMeansAbsent,
} from '../../input/index.js';
import { PageArgs } from '../../pagination/index.js';

@InputType()
export class AccessLogFilter {
  @Field({
    nullable: true,
    description:
      'The person as the case names them (a subjectId in signals and findings); the api pseudonymises it.',
  })
  @NullMeansAbsent()
  @IsOptional()
  @IsClientId()
  @ValidateBy({
    name: 'notWithSubjectRef',
    validator: {
      validate: (_value: unknown, { object }: ValidationArguments) =>
        (object as AccessLogFilter).subjectRef === undefined,
      defaultMessage: () => 'give subjectId or subjectRef, not both',
    },
  })
  subjectId?: string;

  @Field({ nullable: true, description: 'The pseudonym as a log line shows it (64 hex characters).' })
  @NullMeansAbsent()
  @IsOptional()
  @Matches(/^([0-9a-f]{64}|unnamed)$/, {
    message: 'subjectRef must be a pseudonym as the log shows it: 64 hex characters, or unnamed',
  })
  subjectRef?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsClientId()
  activationId?: string;

  @Field({ nullable: true, description: 'The user who read.' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'userId must be 1 to 200 characters' })
  @IsPlainText()
  userId?: string;

  @Field({
    nullable: true,
    description:
      "The reader's agency: a privacy officer sees only their own agency's reads, so only that code finds lines.",
  })
  @IsOptional()
  @IsAgencyCode()
  agency?: string;

  @Field({ nullable: true, description: 'Recorded at or after this moment (ISO 8601 with offset).' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @Field({ nullable: true, description: 'Recorded before this moment (ISO 8601 with offset).' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @NestedInput(AccessLogFilter, { nullable: true })
  filter?: AccessLogFilter;
}
