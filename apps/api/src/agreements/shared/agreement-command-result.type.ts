import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AgreementCommandResult')
export class AgreementCommandResult {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => Int, { description: 'The agreement stream version after the command.' })
  streamVersion!: number;

  @Field(() => [ID])
  eventIds!: string[];

  @Field({ description: 'True when this commandId was handled before: the first result is returned.' })
  duplicate!: boolean;
}
