import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { NestedInput } from '../../input/index.js';
import { ActivationsFilter } from '../list-activations/list-activations.args.js';
import { StatisticsFilter } from '../view-statistics/statistics.args.js';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'CSV (RFC 4180, UTF-8 with a byte order mark) or an Excel workbook (XLSX).',
});

const formatField = () =>
  Field(() => ExportFormat, {
    nullable: true,
    defaultValue: ExportFormat.CSV,
    description: 'CSV when left out or null.',
  });
const formatRule = () => IsEnum(ExportFormat, { message: 'format must be CSV or XLSX' });

@ArgsType()
export class ActivationsExportArgs {
  @NestedInput(ActivationsFilter, { nullable: true })
  filter?: ActivationsFilter;

  @formatField()
  @IsOptional()
  @formatRule()
  format?: ExportFormat | null;
}

@ArgsType()
export class StatisticsExportArgs {
  @NestedInput(StatisticsFilter, { nullable: true })
  filter?: StatisticsFilter;

  @formatField()
  @IsOptional()
  @formatRule()
  format?: ExportFormat | null;
}
