import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AccessLogModule } from '../access-log/index.js';
import { CommandsModule } from '../commands/index.js';
import { AgreementCommands } from './agreement-commands.service.js';
import { AmendAgreementResolver } from './amend-agreement/amend-agreement.resolver.js';
import { ProposeAgreementResolver } from './propose-agreement/propose-agreement.resolver.js';
import { ApproveAgreementResolver } from './approve-agreement/approve-agreement.resolver.js';
import { RejectAgreementResolver } from './reject-agreement/reject-agreement.resolver.js';
import { ViewAgreementResolver } from './view-agreement/view-agreement.resolver.js';
import { ListAgreementsResolver } from './list-agreements/list-agreements.resolver.js';
import { RevokeAgreementResolver } from './revoke-agreement/revoke-agreement.resolver.js';

/**
 * Data-sharing agreements, event streams of their own: proposed by a policy admin of one party, in force
 * once a policy admin of the other approves.
 */
@Module({
  imports: [AccessLogModule, CommandsModule, EventStoreModule, PlatformModule],
  providers: [
    AgreementCommands,
    ProposeAgreementResolver,
    ApproveAgreementResolver,
    RejectAgreementResolver,
    ViewAgreementResolver,
    AmendAgreementResolver,
    RevokeAgreementResolver,
    ListAgreementsResolver,
  ],
})
export class AgreementsModule {}
