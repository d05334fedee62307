import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '#domain';
import { JsonScalar } from '../shared/json.scalar.js';

@ObjectType({
  description:
    'One event of an activation as your agency may see it, in the order things happened; nothing says how many events you do not see.',
})
export class TimelineEntry {
  @Field(() => ID)
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'The agency whose member caused the event.' })
  actingAgency!: string;

  @Field({ description: 'The wire name of the event, e.g. activation.opened or finding.recorded.' })
  type!: string;

  @Field(() => JsonScalar, {
    description:
      "The event's data, shaped as the event catalogue describes its type; withheld parts are null.",
  })
  payload!: unknown;

  @Field(() => [DataCategory], {
    description: 'Categories of data this event held that your agency may not see.',
  })
  withheld!: DataCategory[];
}
