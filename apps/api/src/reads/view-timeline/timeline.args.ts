import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsClientId } from '../../input/index.js';
import { PageArgs } from '../../pagination/index.js';

@ArgsType()
export class TimelineArgs extends PageArgs {
  /** An id as the commands take it: anything else names no activation, and is bad input. */
  @Field(() => ID)
  @IsClientId()
  activationId!: string;
}
