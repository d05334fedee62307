import { ArgsType, Field, Int, PickType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageArgs } from '../../pagination/index.js';

export const DEFAULT_FEED_PAGE = 50;
export const MAX_FEED_PAGE = 500;

const PAGE_SIZE_RULE = `first must be a whole number from 1 to ${MAX_FEED_PAGE}; fetch more with the endCursor as after`;

/**
 * The lists' `after`, with the feed's own page bounds: larger than the lists', because agency systems
 * catch up through the feed after downtime.
 */
@ArgsType()
export class FeedArgs extends PickType(PageArgs, ['after'] as const, ArgsType) {
  @Field(() => Int, {
    nullable: true,
    description: `How many entries to return: 1 to ${MAX_FEED_PAGE}, ${DEFAULT_FEED_PAGE} when left out.`,
  })
  @IsOptional()
  @IsInt({ message: PAGE_SIZE_RULE })
  @Min(1, { message: PAGE_SIZE_RULE })
  @Max(MAX_FEED_PAGE, { message: PAGE_SIZE_RULE })
  first?: number;
}
