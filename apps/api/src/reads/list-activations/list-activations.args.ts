import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { ActivationStatus } from '#domain';
import { MUNICIPALITY, NestedInput } from '../../activations/shared/input-rules.js';
import { ActivationScopeFilter } from '../shared/activation-filter.input.js';
import { PageArgs } from '../shared/page.args.js';

@InputType()
export class ActivationsFilter extends ActivationScopeFilter {
  @Field({ nullable: true, description: 'CBS municipality code, e.g. GM0599.' })
  @IsOptional()
  @Matches(MUNICIPALITY, { message: 'municipality must be a CBS code such as GM0599' })
  municipality?: string;

  @Field(() => ActivationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActivationStatus, {
    message: `status must be one of ${Object.values(ActivationStatus).join(', ')}`,
  })
  status?: ActivationStatus;
}

@ArgsType()
export class ActivationsArgs extends PageArgs {
  @NestedInput(ActivationsFilter, { nullable: true })
  filter?: ActivationsFilter;
}
