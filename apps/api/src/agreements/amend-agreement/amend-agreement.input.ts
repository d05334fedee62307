import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { AGREEMENT_TEXT_MAX, IsClientId, IsText } from '../../input/index.js';
import { AgreementTermsFields } from '../shared/agreement-terms.input.js';

/** Fields left out stay as they are; an explicit null removes the end date or the region scope. */
@InputType()
export class AmendAgreementInput extends AgreementTermsFields {
  @Field(() => ID)
  @IsClientId()
  agreementId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText(AGREEMENT_TEXT_MAX)
  reason?: string;
}
