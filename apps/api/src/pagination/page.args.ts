import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { NullMeansAbsent } from '../input/index.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const PAGE_SIZE_RULE = `first must be a whole number from 1 to ${MAX_PAGE_SIZE}; fetch more with the endCursor as after`;

/** Forward pagination, Relay style, with a bounded page size. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return: 1 to ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} when left out.`,
  })
  @IsOptional()
  @IsInt({ message: PAGE_SIZE_RULE })
  @Min(1, { message: PAGE_SIZE_RULE })
  @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_RULE })
  first?: number;

  @Field({
    nullable: true,
    description: 'The endCursor of the previous page; left out (or null), the list starts at its beginning.',
  })
  @NullMeansAbsent()
  @IsOptional()
  @IsString()
  @Length(1, 512, { message: 'after must be a cursor this API gave out' })
  after?: string;
}

export function pageSize(args: PageArgs): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}
