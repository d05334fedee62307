import { Field, ID, InputType } from '@nestjs/graphql';
import { CommandOptionsInput } from '../../commands/index.js';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/index.js';

/** Approving or rejecting the proposal pending on an agreement: always with a reason, for the record. */
@InputType({ isAbstract: true })
export abstract class DecideAgreementInput extends CommandOptionsInput {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field({ description: 'Why you decide so; kept in the agreement history.' })
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}

@InputType()
export class ApproveAgreementInput extends DecideAgreementInput {}

@InputType()
export class RejectAgreementInput extends DecideAgreementInput {}
