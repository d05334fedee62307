import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, type ReadRequest } from '../../access-log/index.js';
import { TimelineEntry } from '../../reads/index.js';
import { FeedEntry } from '../shared/feed-entry.type.js';
import { LiveFeeds } from '../shared/live-feeds.service.js';
import { TimelineSubscriptionArgs } from './timeline-subscription.args.js';

@Resolver(() => TimelineEntry)
export class TimelineSubscriptionResolver {
  constructor(private readonly live: LiveFeeds) {}

  @Subscription(() => TimelineEntry, {
    name: 'timeline',
    description:
      'Every new entry of an activation’s timeline as your agency may see it at delivery, to keep a timeline read with the timeline query up to date. ' +
      'NOT_FOUND when the activation is not visible to you. Authenticate in the connection_init payload ({ authorization: "Bearer …" }).',
    resolve: (entry: FeedEntry) => entry,
  })
  @ReadableBy(CASE_DATA)
  timeline(
    @Args() args: TimelineSubscriptionArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<AsyncIterableIterator<FeedEntry>> {
    return this.live.open(
      { actor, request, operation: 'timeline subscription' },
      { activationId: args.activationId },
    );
  }
}
