import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { IsBsn, NullMeansAbsent } from '../../input/index.js';

export enum SubjectAccessFormat {
  JSON = 'JSON',
  PDF = 'PDF',
}

registerEnumType(SubjectAccessFormat, {
  name: 'SubjectAccessFormat',
  description:
    'JSON (the structured answer, described in docs/security.md), or PDF (the same, in Dutch, for the data subject).',
});

@ArgsType()
export class SubjectAccessRequestArgs {
  @Field({
    description:
      "The data subject's BSN, as typed (dots and spaces allowed); it must pass the eleven-test. Used for this answer only, never stored.",
  })
  @IsBsn()
  bsn!: string;

  @Field(() => SubjectAccessFormat, { nullable: true, defaultValue: SubjectAccessFormat.JSON })
  @NullMeansAbsent()
  @IsOptional()
  @IsEnum(SubjectAccessFormat, { message: 'format must be JSON or PDF' })
  format?: SubjectAccessFormat;
}
