import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { ActivationStatus } from '#domain';
import { IsCaseNumber, IsMunicipality, NestedInput } from '../../input/index.js';
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

  @Field({
    nullable: true,
    description: 'The activation with this case number, e.g. VR17-2026-0042 (any case).',
  })
  @IsOptional()
  @IsCaseNumber()
  caseNumber?: string;

  @Field({
    nullable: true,
    description: 'My cases: only activations your agency takes part in, not those you see as coordinator.',
  })
  @IsOptional()
  @IsBoolean()
  participating?: boolean;

  @Field({
    nullable: true,
    description: 'My cases: only activations you yourself acted on (opened, recorded, joined, …).',
  })
  @IsOptional()
  @IsBoolean()
  actedByMe?: boolean;
}

@ArgsType()
export class ActivationsArgs extends PageArgs {
  @NestedInput(ActivationsFilter, { nullable: true })
  filter?: ActivationsFilter;
}
