import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import './shared/read-enums.graphql.js';
import { AccessLogRecorder } from '../access-log/access-log.recorder.js';
import { LoggedReads } from '../access-log/logged-reads.service.js';
import { subjectPseudonymProvider } from '../access-log/subject-pseudonym.provider.js';
import { CommandResultViewResolver } from './command-result-view/command-result-view.resolver.js';
import { ListActivationsResolver } from './list-activations/list-activations.resolver.js';
import { MeResolver } from './me/me.resolver.js';
import { AccessLogResolver } from '../access-log/query-access-log/access-log.resolver.js';
import { ReadAccessGuard } from '../auth/read-access.guard.js';
import { ViewActivationResolver } from './view-activation/view-activation.resolver.js';
import { StatisticsResolver } from './view-statistics/statistics.resolver.js';
import { TimelineResolver } from './view-timeline/timeline.resolver.js';

/**
 * The read side: every query reads the per-agency read models through ReadDatabase (keten_api, under
 * row-level security for the actor's agency), and reads that return personal, health or criminal data
 * write the access log in the same transaction.
 */
@Module({
  imports: [PlatformModule],
  providers: [
    subjectPseudonymProvider,
    AccessLogRecorder,
    LoggedReads,
    ReadAccessGuard,
    MeResolver,
    ViewActivationResolver,
    ListActivationsResolver,
    TimelineResolver,
    StatisticsResolver,
    AccessLogResolver,
    CommandResultViewResolver,
  ],
  // The feeds read case data too: one access-log path for every read.
  exports: [LoggedReads, ReadAccessGuard],
})
export class ReadsModule {}
