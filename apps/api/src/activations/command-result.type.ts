import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { SubscriptionCheckpoint } from '#events';

/** What every activation mutation answers: where the stream stands after the command. */
@ObjectType('ActivationCommandResult')
export class ActivationCommandResult {
  @Field(() => ID)
  activationId!: string;

  @Field({
    description:
      'The version of the activation after the command (an opaque token); pass it as expectedVersion next time.',
  })
  version!: string;

  /** The stream's version as a number: internal (a count of events, some of which the caller may not see). */
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
