import { Field, ObjectType } from '@nestjs/graphql';
import { Role } from '#domain';
import { AgreementInForce, AgreementWarning } from '../../agreements/index.js';

@ObjectType({ description: 'Who you are to keten, and what your agency may see.' })
export class Viewer {
  @Field()
  userId!: string;

  @Field()
  agency!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => [AgreementInForce], {
    description:
      "Your agency's agreements in force now (granted, validFrom ≤ now < validUntil). What you see of an activation is the union of the categories of those whose region scope is absent or the activation's region.",
  })
  agreementsInForce!: AgreementInForce[];

  @Field(() => [AgreementWarning], {
    description:
      'For a policy admin: the agreements in force its agency is party to that end within 30 days, soonest first.',
  })
  agreementWarnings!: AgreementWarning[];
}
