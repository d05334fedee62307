import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AgreementRow } from '#read-models';

/** How far ahead a policy admin is warned of an agreement's end. */
export const AGREEMENT_WARNING_DAYS = 30;

@ObjectType({
  description: 'An agreement your agency is party to that ends soon, so you can renew it in time.',
})
export class AgreementWarning {
  @Field(() => ID)
  agreementId!: string;

  @Field({ description: 'The agency that would lose the categories.' })
  agency!: string;

  @Field()
  validUntil!: Date;

  @Field(() => Int, { description: 'Whole days left (0: ends within a day).' })
  daysLeft!: number;

  @Field()
  message!: string;
}

export function toAgreementWarning(row: AgreementRow, now: Date): AgreementWarning {
  const until = row.valid_until as Date;
  const daysLeft = Math.max(0, Math.floor((until.getTime() - now.getTime()) / 86_400_000));
  return {
    agreementId: row.agreement_id,
    agency: row.agency,
    validUntil: until,
    daysLeft,
    message:
      `Agreement ${row.agreement_id} (${row.agency}) ends on ${until.toISOString()}, in ${daysLeft} days; ` +
      'propose a change with a later validUntil (amendAgreement) or a new agreement in time.',
  };
}
