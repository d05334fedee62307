import { Field, ObjectType } from '@nestjs/graphql';
import { AgreementInForce } from '../shared/agreement-in-force.type.js';

@ObjectType({ description: 'A data-sharing agreement as recorded: in force, revoked or expired.' })
export class SharingAgreement extends AgreementInForce {
  @Field({ description: 'The agency the agreement lets see the categories.' })
  agency!: string;

  @Field({ description: 'GRANTED (in force between its dates), REVOKED or EXPIRED.' })
  status!: string;

  @Field({ description: 'The policy admin who granted it.' })
  grantedBy!: string;
}
