import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { ReadAccessGuard } from '../auth/index.js';
import { CommandsModule } from '../commands/index.js';
import { DecideErasureResolver } from './decide-erasure/decide-erasure.resolver.js';
import { ErasureCommands } from './erasure-commands.service.js';
import { ErasureRequestsResolver } from './list-erasure-requests/erasure-requests.resolver.js';
import { RequestErasureResolver } from './request-erasure/request-erasure.resolver.js';

/**
 * Erasure of a data subject (AVG art. 17, issue 19), event streams of their own: a privacy officer asks,
 * a second one approves or rejects (four eyes); the worker erases the keys once approved and projects
 * the requests' list (erasure_requests) that erasureRequests reads.
 */
@Module({
  imports: [CommandsModule, EventStoreModule, PlatformModule],
  providers: [
    ReadAccessGuard,
    ErasureCommands,
    RequestErasureResolver,
    DecideErasureResolver,
    ErasureRequestsResolver,
  ],
})
export class ErasuresModule {}
