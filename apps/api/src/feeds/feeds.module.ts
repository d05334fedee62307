import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { AccessLogRecorder } from '../reads/access-log/access-log.recorder.js';
import { LoggedReads } from '../reads/access-log/logged-reads.service.js';
import { subjectPseudonymProvider } from '../reads/access-log/subject-pseudonym.provider.js';
import { ReadAccessGuard } from '../reads/shared/read-access.guard.js';
import { FeedResolver } from './read-feed/feed.resolver.js';
import { FeedNotifications } from './shared/feed-notifications.listener.js';
import { LiveFeeds } from './shared/live-feeds.service.js';
import { FeedSubscriptionResolver } from './subscribe-feed/feed-subscription.resolver.js';
import { TimelineSubscriptionResolver } from './subscribe-timeline/timeline-subscription.resolver.js';

/**
 * The agencies' feeds over GraphQL: the cursor-paged feed query and the feed and timeline subscriptions,
 * all reading rm_feed through one function (readFeed) under row-level security, with the access log.
 * ReadsModule keeps its access-log providers to itself, so this module has its own (stateless) instances.
 */
@Module({
  imports: [PlatformModule],
  providers: [
    subjectPseudonymProvider,
    AccessLogRecorder,
    LoggedReads,
    ReadAccessGuard,
    FeedNotifications,
    LiveFeeds,
    FeedResolver,
    FeedSubscriptionResolver,
    TimelineSubscriptionResolver,
  ],
})
export class FeedsModule {}
