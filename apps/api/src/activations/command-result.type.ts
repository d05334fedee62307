import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SubscriptionCheckpoint } from '#events';

/** What every activation mutation answers: where the stream stands after the command. */
@ObjectType('ActivationCommandResult')
export class ActivationCommandResult {
  @Field(() => ID)
  activationId!: string;

  @Field(() => Int, {
    description: 'The stream version after the command; pass it as expectedVersion next time.',
  })
  streamVersion!: number;

  @Field(() => [ID], { description: 'The events this command appended (none when it changed nothing).' })
  eventIds!: string[];

  @Field({
    description: 'True when this commandId was handled before: the first result is returned, nothing new.',
  })
  duplicate!: boolean;

  /** Where the appended events stand in the subscriptions' order (not exposed: the read side waits on it). */
  checkpoint?: SubscriptionCheckpoint;
}
