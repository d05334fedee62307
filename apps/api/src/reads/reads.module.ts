import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import './shared/read-enums.graphql.js';
import { AccessLogModule } from '../access-log/index.js';
import { CommandsModule } from '../commands/index.js';
import { RetentionModule } from '../retention/index.js';
import { ArchiveDecisionResolver } from './view-activation/archive-decision.resolver.js';
import { CommandResultViewResolver } from './command-result-view/command-result-view.resolver.js';
import { ListActivationsResolver } from './list-activations/list-activations.resolver.js';
import { MeResolver } from './me/me.resolver.js';
import { ReadAccessGuard } from '../auth/index.js';
import { ExportsResolver } from './exports/exports.resolver.js';
import { ProcessReportResolver } from './process-report/process-report.resolver.js';
import { YearlyReportResolver } from './yearly-report/yearly-report.resolver.js';
import { ViewActivationResolver } from './view-activation/view-activation.resolver.js';
import { StatisticsResolver } from './view-statistics/statistics.resolver.js';
import { TimelineResolver } from './view-timeline/timeline.resolver.js';
import { InboxResolver } from './view-inbox/inbox.resolver.js';
import { SearchActivationsResolver } from './search-activations/search-activations.resolver.js';

/**
 * The read side: every query reads the per-agency read models through LoggedReads (keten_api, under
 * row-level security for the actor's agency, the access log written in the same transaction).
 */
@Module({
  imports: [PlatformModule, AccessLogModule, CommandsModule, RetentionModule],
  providers: [
    ReadAccessGuard,
    MeResolver,
    ViewActivationResolver,
    ArchiveDecisionResolver,
    ListActivationsResolver,
    SearchActivationsResolver,
    TimelineResolver,
    InboxResolver,
    StatisticsResolver,
    CommandResultViewResolver,
    ProcessReportResolver,
    ExportsResolver,
    YearlyReportResolver,
  ],
  exports: [ReadAccessGuard],
})
export class ReadsModule {}
