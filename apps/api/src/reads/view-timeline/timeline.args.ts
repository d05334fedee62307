import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from '../shared/page.args.js';

@ArgsType()
export class TimelineArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 200, { message: 'activationId must be 1 to 200 characters' })
  activationId!: string;
}
