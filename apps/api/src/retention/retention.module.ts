import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { ReadAccessGuard } from '../auth/index.js';
import { archiveRegisterProvider } from './archive-register.provider.js';
import { RetentionReportResolver } from './retention-report.resolver.js';

/** Retention and archiving (issue 19): the archive decisions as the register decides them, and the destruction report. */
@Module({
  imports: [PlatformModule, EventStoreModule],
  providers: [ReadAccessGuard, archiveRegisterProvider, RetentionReportResolver],
  exports: [archiveRegisterProvider],
})
export class RetentionModule {}
