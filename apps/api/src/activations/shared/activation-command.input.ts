import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { IdempotentCommandInput } from '../../commands/index.js';
import { IsClientId } from '../../input/index.js';

/**
 * What every mutation on an existing activation accepts. Not abstract in TypeScript, so it can be combined
 * with a shared part (IntersectionType) where a command is that part plus the activation.
 */
@InputType({ isAbstract: true })
export class ActivationCommandInput extends IdempotentCommandInput {
  @Field({ description: 'The activation the command acts on.' })
  @IsClientId()
  activationId!: string;

  @Field({
    nullable: true,
    description:
      'The version of the activation you based this command on (its `version`, an opaque token); if it has ' +
      'changed since, the answer is CONFLICT with the current version instead of a silent overwrite.',
  })
  @IsOptional()
  @Matches(/^v1\.[A-Za-z0-9_-]{22}$/, {
    message: 'expectedVersion must be a version as keten gave it (the `version` of the activation)',
  })
  expectedVersion?: string;
}
