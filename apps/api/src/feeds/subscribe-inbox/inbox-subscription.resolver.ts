import { Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, type ReadRequest } from '../../access-log/index.js';
import { InboxItemView } from '../../reads/index.js';
import { LiveFeeds } from '../shared/live-feeds.service.js';

@Resolver(() => InboxItemView)
export class InboxSubscriptionResolver {
  constructor(private readonly live: LiveFeeds) {}

  @Subscription(() => InboxItemView, {
    name: 'inbox',
    description:
      'Every invitation or referral addressed to your agency from now on, and every change of an item’s state ' +
      '(joined, declined), as the inbox query shows them; within a second or so of the projection. ' +
      'Authenticate in the connection_init payload ({ authorization: "Bearer …" }).',
    resolve: (item: InboxItemView) => item,
  })
  @ReadableBy(CASE_DATA)
  inboxUpdates(
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<AsyncIterableIterator<InboxItemView>> {
    return this.live.openInbox({ actor, request, operation: 'inbox subscription' });
  }
}
