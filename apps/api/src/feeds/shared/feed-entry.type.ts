import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '#domain';
import { TimelineEntry } from '../../reads/index.js';

/**
 * An entry of an agency's feed: a timeline entry with what a system needs to process it out of its
 * activation's context. The same value is delivered by the feed subscription and, as a TimelineEntry, by
 * the timeline subscription.
 */
@ObjectType({
  description:
    'One event of your agency’s feed, as your agency may see it now: redacted when it was fed, and again with the agreements in force when it is read.',
})
export class FeedEntry extends TimelineEntry {
  @Field(() => ID)
  activationId!: string;

  @Field({
    description:
      "The entry's place in your agency's feed (1, 2, 3, …, as a decimal string): the `sequence` of its Kafka message too, so a system can tell where to resume. It counts your feed only.",
  })
  sequence!: string;

  @Field(() => Int, { description: 'The version of the event type’s schema the payload follows.' })
  schemaVersion!: number;

  @Field(() => [DataCategory], {
    description:
      'The categories of the data this entry carries (its primary category and those of the values left in payload), for classification on your side.',
  })
  categories!: DataCategory[];
}
