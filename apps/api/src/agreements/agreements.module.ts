import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { CommandsModule } from '../commands/index.js';
import { AgreementCommands } from './agreement-commands.service.js';
import { AmendAgreementResolver } from './amend-agreement/amend-agreement.resolver.js';
import { GrantAgreementResolver } from './grant-agreement/grant-agreement.resolver.js';
import { ListAgreementsResolver } from './list-agreements/list-agreements.resolver.js';
import { RevokeAgreementResolver } from './revoke-agreement/revoke-agreement.resolver.js';

/** Data-sharing agreements, recorded by policy admins as event streams of their own. */
@Module({
  imports: [CommandsModule, PlatformModule],
  providers: [
    AgreementCommands,
    GrantAgreementResolver,
    AmendAgreementResolver,
    RevokeAgreementResolver,
    ListAgreementsResolver,
  ],
})
export class AgreementsModule {}
