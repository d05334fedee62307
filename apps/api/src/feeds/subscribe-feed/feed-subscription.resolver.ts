import { Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, type ReadRequest } from '../../access-log/index.js';
import { FeedEntry } from '../shared/feed-entry.type.js';
import { LiveFeeds } from '../shared/live-feeds.service.js';

@Resolver(() => FeedEntry)
export class FeedSubscriptionResolver {
  constructor(private readonly live: LiveFeeds) {}

  @Subscription(() => FeedEntry, {
    name: 'feed',
    description:
      'Every entry fed to your agency from now on, as the feed query shows it: redacted with the agreements in force at delivery, so a revoked category stops at once. ' +
      'Authenticate in the connection_init payload ({ authorization: "Bearer …" }); the connection closes when the token expires. ' +
      'Catch up on what came before with the feed query.',
    resolve: (entry: FeedEntry) => entry,
  })
  @ReadableBy(CASE_DATA)
  feed(
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<AsyncIterableIterator<FeedEntry>> {
    return this.live.open({ actor, request, operation: 'feed subscription' });
  }
}
