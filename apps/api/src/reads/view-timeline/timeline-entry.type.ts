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

  @Field({
    description:
      'Whether a later correction event changed this entry (AVG art. 16): the payload shows the corrected ' +
      'values, and the correction event with its reason follows in the timeline. A feed entry is the event ' +
      'as delivered (always false): its corrections arrive on the feed as events of their own.',
  })
  corrected!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was last corrected; null when never.' })
  correctedAt!: Date | null;

  @Field({
    description: 'Whether the entry was withdrawn from this activation as misfiled (entry.withdrawn).',
  })
  withdrawn!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; null when it stands.' })
  withdrawnAt!: Date | null;
}
