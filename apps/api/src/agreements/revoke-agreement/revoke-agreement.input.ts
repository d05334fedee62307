import { Field, ID, InputType } from '@nestjs/graphql';
import { CommandOptionsInput } from '../../commands/index.js';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/index.js';

@InputType()
export class RevokeAgreementInput extends CommandOptionsInput {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field()
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}
