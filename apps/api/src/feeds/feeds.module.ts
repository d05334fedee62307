import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AccessLogModule } from '../access-log/index.js';
import { ReadsModule } from '../reads/index.js';
import { FeedResolver } from './read-feed/feed.resolver.js';
import { FeedNotifications } from './shared/feed-notifications.listener.js';
import { LiveFeeds } from './shared/live-feeds.service.js';
import { FeedSubscriptionResolver } from './subscribe-feed/feed-subscription.resolver.js';
import { TimelineSubscriptionResolver } from './subscribe-timeline/timeline-subscription.resolver.js';
import { InboxSubscriptionResolver } from './subscribe-inbox/inbox-subscription.resolver.js';

/**
 * The agencies' feeds over GraphQL: the cursor-paged feed query and the feed, timeline and inbox
 * subscriptions, reading rm_feed (the inbox: rm_inbox) through one function (readFeed) under row-level security, with the access log.
 */
@Module({
  imports: [PlatformModule, EventStoreModule, AccessLogModule, ReadsModule],
  providers: [
    FeedNotifications,
    LiveFeeds,
    FeedResolver,
    FeedSubscriptionResolver,
    TimelineSubscriptionResolver,
    InboxSubscriptionResolver,
  ],
})
export class FeedsModule {}
