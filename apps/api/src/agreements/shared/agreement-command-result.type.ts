import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AgreementCommandResult')
export class AgreementCommandResult {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => Int, { description: 'The number of events in the agreement stream after the command.' })
  streamVersion!: number;

  @Field({ description: 'The agreement version after the command, to send as the next `expectedVersion`.' })
  version!: string;

  @Field(() => [ID])
  eventIds!: string[];

  @Field({ description: 'True when this commandId was handled before: the first result is returned.' })
  duplicate!: boolean;
}
