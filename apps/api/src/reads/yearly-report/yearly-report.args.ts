import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ArgsType()
export class YearlyReportArgs {
  @Field(() => Int, {
    description: 'The calendar year (Europe/Amsterdam) of the activations opened, e.g. 2026.',
  })
  @IsInt({ message: 'year must be a whole year, such as 2026' })
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year!: number;
}
