import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AgreementClockService } from './agreements/agreement-clock.service.js';
import { FeedProjectionService } from './projections/feed-projection.service.js';
import { ReadModelProjectionService } from './projections/read-model-projection.service.js';
import { FeedRelay } from './relay/feed-relay.js';
import { RelayStatusController } from './relay/relay-status.controller.js';

/** The worker hosts the projectors and the feed relay; its HTTP port serves only health probes. */
@Module({
  imports: [PlatformModule, EventStoreModule],
  providers: [ReadModelProjectionService, FeedProjectionService, AgreementClockService, FeedRelay],
  controllers: [RelayStatusController],
})
export class WorkerModule {}
