import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, ValidateBy, ValidationArguments } from 'class-validator';
import { ActivationKind, ActivationTrigger, Theme } from '#domain';
import type { ActivationScope } from '#read-models';
import { IsInstant, IsSafetyRegion } from '../../input/index.js';

/** Which activations a list or a count is about; every part is optional and the parts combine with AND. */
@InputType({ isAbstract: true })
export class ActivationScopeFilter implements ActivationScope {
  @Field({ nullable: true, description: 'Safety region VR01..VR25.' })
  @IsOptional()
  @IsSafetyRegion()
  region?: string;

  @Field(() => ActivationKind, { nullable: true })
  @IsOptional()
  @IsEnum(ActivationKind, { message: `kind must be one of ${Object.values(ActivationKind).join(', ')}` })
  kind?: ActivationKind;

  @Field(() => Theme, { nullable: true, description: 'Activations that have this theme (among others).' })
  @IsOptional()
  @IsEnum(Theme, { message: `theme must be one of ${Object.values(Theme).join(', ')}` })
  theme?: Theme;

  @Field(() => ActivationTrigger, { nullable: true })
  @IsOptional()
  @IsEnum(ActivationTrigger, {
    message: `trigger must be one of ${Object.values(ActivationTrigger).join(', ')}`,
  })
  trigger?: ActivationTrigger;

  @Field({ nullable: true, description: 'Opened at or after this moment (ISO 8601 with offset).' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @Field({
    nullable: true,
    description: 'Opened before this moment (ISO 8601 with offset); later than from.',
  })
  @IsOptional()
  @IsInstant()
  @ValidateBy({
    name: 'isAfterFrom',
    validator: {
      validate: (to: unknown, { object }: ValidationArguments) => {
        const from = (object as ActivationScopeFilter).from;
        return typeof from !== 'string' || typeof to !== 'string' || Date.parse(from) < Date.parse(to);
      },
      defaultMessage: () =>
        'to must be later than from: the period runs from from (included) to to (excluded)',
    },
  })
  to?: string;
}
