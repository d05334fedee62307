import { Field, InputType } from '@nestjs/graphql';
import { CommandOptionsInput } from '../../commands/index.js';
import { IsClientId } from '../../input/index.js';

/**
 * What every mutation on an existing activation accepts. Not abstract in TypeScript, so it can be combined
 * with a shared part (IntersectionType) where a command is that part plus the activation.
 */
@InputType({ isAbstract: true })
export class ActivationCommandInput extends CommandOptionsInput {
  @Field({ description: 'The activation the command acts on.' })
  @IsClientId()
  activationId!: string;
}
