import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsClientId } from '../../input/index.js';

@ArgsType()
export class ActivationArgs {
  /** An id as the commands take it: anything else names no activation, and is bad input. */
  @Field(() => ID)
  @IsClientId()
  id!: string;
}
