import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AmendAgreementResolver } from './amend-agreement/amend-agreement.resolver.js';
import { GrantAgreementResolver } from './grant-agreement/grant-agreement.resolver.js';
import { ListAgreementsResolver } from './list-agreements/list-agreements.resolver.js';
import { RevokeAgreementResolver } from './revoke-agreement/revoke-agreement.resolver.js';
import { AgreementCommandExecutor } from './shared/agreement-command.executor.js';

/** Data-sharing agreements, recorded by policy admins as event streams of their own. */
@Module({
  imports: [EventStoreModule, PlatformModule],
  providers: [
    AgreementCommandExecutor,
    GrantAgreementResolver,
    AmendAgreementResolver,
    RevokeAgreementResolver,
    ListAgreementsResolver,
  ],
})
export class AgreementsModule {}
