import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import {
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import {
  IsAgencyCode,
  IsBsnFormat,
  IsClientId,
  IsInstant,
  IsPlainText,
  NestedInput,
  NullMeansAbsent,
} from '../../input/index.js';
import { PageArgs } from '../../pagination/index.js';

const ACTIVITY =
  /^([a-z0-9][a-z0-9-]{0,62}|urn:keten:processing-activity:[a-z0-9][a-z0-9-]{0,62}:[1-9][0-9]{0,8})$/;

@InputType()
export class AccessLogFilter {
  @Field({
    nullable: true,
    description:
      "A person's BSN, as typed: the api hashes it into the person's pseudonym and stores nothing of it. Finds this person's reads in every case.",
  })
  @NullMeansAbsent()
  @IsOptional()
  @IsBsnFormat()
  bsn?: string;

  @Field({
    nullable: true,
    description:
      'The person as one case names them (a subjectId in signals and findings), with activationId: a subject id means one person within one activation only.',
  })
  @NullMeansAbsent()
  @IsOptional()
  @IsClientId()
  @ValidateBy({
    name: 'subjectIdWithinACase',
    validator: {
      validate: (_value: unknown, { object }: ValidationArguments) => {
        const filter = object as AccessLogFilter;
        return filter.subjectRef === undefined && filter.activationId !== undefined;
      },
      defaultMessage: () =>
        'subjectId names a person within one case: give activationId with it (and not subjectRef); to find a person across cases, give bsn',
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
  @NullMeansAbsent()
  @IsOptional()
  @IsClientId()
  activationId?: string;

  @Field({
    nullable: true,
    description: 'A W3C trace id (32 lowercase hex characters): every read of one request.',
  })
  @NullMeansAbsent()
  @IsOptional()
  @Matches(/^[0-9a-f]{32}$/, { message: 'traceId must be 32 lowercase hex characters (W3C Trace Context)' })
  traceId?: string;

  @Field({
    nullable: true,
    description:
      'The processing activity served: a register id (case-coordination, any version) or its URI (urn:keten:processing-activity:case-coordination:2, that version).',
  })
  @NullMeansAbsent()
  @IsOptional()
  @Matches(ACTIVITY, {
    message:
      'activity must be a register id such as case-coordination or a URI such as urn:keten:processing-activity:case-coordination:1',
  })
  activity?: string;

  @Field({ nullable: true, description: 'The user who read.' })
  @NullMeansAbsent()
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
  @NullMeansAbsent()
  @IsOptional()
  @IsAgencyCode()
  agency?: string;

  @Field({ nullable: true, description: 'Recorded at or after this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  from?: string;

  @Field({ nullable: true, description: 'Recorded before this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  to?: string;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @NestedInput(AccessLogFilter, { nullable: true })
  filter?: AccessLogFilter;
}

export enum AccessRequestFormat {
  JSON = 'JSON',
  CSV = 'CSV',
}

registerEnumType(AccessRequestFormat, {
  name: 'AccessRequestFormat',
  description: 'JSON, or CSV (RFC 4180, UTF-8 with a byte order mark).',
});

@ArgsType()
export class AccessRequestExportArgs {
  @Field({ description: "The data subject's BSN, as typed: hashed, never stored." })
  @IsBsnFormat()
  bsn!: string;

  @Field(() => AccessRequestFormat, { nullable: true, defaultValue: AccessRequestFormat.JSON })
  @NullMeansAbsent()
  @IsOptional()
  @IsEnum(AccessRequestFormat, { message: 'format must be JSON or CSV' })
  format?: AccessRequestFormat;
}

@ArgsType()
export class AccessLogRecordsExportArgs {
  @NestedInput(AccessLogFilter, { nullable: true })
  filter?: AccessLogFilter;
}
