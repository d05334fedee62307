import { Field, ID, InputType } from '@nestjs/graphql';
import { CommandOptionsInput } from '../../commands/command-options.input.js';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/input-rules.js';

@InputType()
export class RevokeAgreementInput extends CommandOptionsInput {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field()
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}
