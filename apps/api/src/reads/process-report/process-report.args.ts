import { ArgsType, Field, ID, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { IsClientId } from '../../input/index.js';

export enum DocumentFormat {
  PDF = 'PDF',
  HTML = 'HTML',
}

registerEnumType(DocumentFormat, { name: 'DocumentFormat', description: 'PDF (A4, page numbers) or HTML.' });

@ArgsType()
export class ProcessReportArgs {
  @Field(() => ID)
  @IsClientId()
  activationId!: string;

  @Field(() => DocumentFormat, {
    nullable: true,
    defaultValue: DocumentFormat.PDF,
    description: 'PDF when left out or null.',
  })
  @IsOptional()
  @IsEnum(DocumentFormat, { message: 'format must be PDF or HTML' })
  format?: DocumentFormat | null;
}
