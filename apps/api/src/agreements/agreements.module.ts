import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { AmendAgreementResolver } from './amend-agreement/amend-agreement.resolver.js';
import { GrantAgreementResolver } from './grant-agreement/grant-agreement.resolver.js';
import { RevokeAgreementResolver } from './revoke-agreement/revoke-agreement.resolver.js';
import { AgreementCommandExecutor } from './shared/agreement-command.executor.js';

/** Data-sharing agreements, recorded by policy admins as event streams of their own. */
@Module({
  imports: [EventStoreModule],
  providers: [
    AgreementCommandExecutor,
    GrantAgreementResolver,
    AmendAgreementResolver,
    RevokeAgreementResolver,
  ],
})
export class AgreementsModule {}
