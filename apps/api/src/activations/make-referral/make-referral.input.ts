import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { EvidenceLinksInput } from '../shared/activation-links.input.js';
import { IsAgencyCode, IsText, OptionalNewId, TextCategories } from '../../input/index.js';

@InputType()
export class MakeReferralInput extends EvidenceLinksInput {
  @OptionalNewId('referral')
  referralId?: string;

  @Field({ description: 'The agency that should take the matter up; not your own.' })
  @IsAgencyCode()
  toAgency!: string;

  @Field()
  @IsText()
  reason!: string;

  @TextCategories('reason')
  reasonCategories?: DataCategory[];
}
