import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AccessLogRecorder } from './access-log.recorder.js';
import { LoggedReads } from './logged-reads.service.js';
import { AccessLogResolver } from './query-access-log/access-log.resolver.js';
import { SubjectAccessRequestResolver } from './subject-access-request/subject-access-request.resolver.js';
import { activityRegisterProvider, subjectPseudonymProvider } from './subject-pseudonym.provider.js';

/**
 * Who read personal, health or criminal data: LoggedReads, the one way to read case data (it writes the
 * access log in the read's own transaction), and the privacy officer's accessLog query and answer to a
 * data subject's access request.
 */
@Module({
  imports: [PlatformModule, EventStoreModule],
  providers: [
    subjectPseudonymProvider,
    activityRegisterProvider,
    AccessLogRecorder,
    LoggedReads,
    AccessLogResolver,
    SubjectAccessRequestResolver,
  ],
  exports: [LoggedReads, activityRegisterProvider],
})
export class AccessLogModule {}
