import { Field, ID, InputType } from '@nestjs/graphql';
import { CommandOptionsInput } from '../../activations/shared/command-options.input.js';
import { IsClientId, IsText } from '../../activations/shared/input-rules.js';

@InputType()
export class RevokeAgreementInput extends CommandOptionsInput {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field()
  @IsText()
  reason!: string;
}
