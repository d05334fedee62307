import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ActivationStatus } from '#domain';
import { IsMunicipality, NestedInput } from '../../input/index.js';
import { ActivationScopeFilter } from '../shared/activation-filter.input.js';
import { PageArgs } from '../../pagination/index.js';

@InputType()
export class ActivationsFilter extends ActivationScopeFilter {
  @Field({ nullable: true, description: 'CBS municipality code, e.g. GM0599.' })
  @IsOptional()
  @IsMunicipality()
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
