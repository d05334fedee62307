import { Field, ID, InputType } from '@nestjs/graphql';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/index.js';
import { AgreementTermsFields } from '../shared/agreement-terms.input.js';

/**
 * A proposed change: fields left out stay as they are; an explicit null removes the end date or the region
 * scope. The change applies once a policy admin of the other party approves it.
 */
@InputType()
export class AmendAgreementInput extends AgreementTermsFields {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field({ description: 'Why the terms should change, for the other party and the record.' })
  @IsText(AGREEMENT_TEXT_MAX)
  reason!: string;
}
