import { ArgsType, InputType } from '@nestjs/graphql';
import { NestedInput } from '../../input/index.js';
import { ActivationScopeFilter } from '../shared/activation-filter.input.js';

@InputType()
export class StatisticsFilter extends ActivationScopeFilter {}

@ArgsType()
export class StatisticsArgs {
  @NestedInput(StatisticsFilter, { nullable: true })
  filter?: StatisticsFilter;
}
