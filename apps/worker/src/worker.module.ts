import { Module } from '@nestjs/common';
import { AttachmentStorageModule } from '#attachments';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { AgreementClockService } from './agreements/agreement-clock.service.js';
import { EraserShredder, ErasureProcessService, PersonalDataEraser } from './erasures/index.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WorkerMetrics } from './metrics/worker-metrics.js';
import { ErasureRequestsProjectionService } from './projections/erasure-requests-projection.service.js';
import { FeedProjectionService } from './projections/feed-projection.service.js';
import { ProjectionCatalogueService } from './projections/projection-catalogue.service.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { ReadModelProjectionService } from './projections/read-model-projection.service.js';
import { FeedRelay } from './relay/feed-relay.js';
import { RelayStatusController } from './relay/relay-status.controller.js';
import { RetentionModule } from './retention/index.js';
import { LegacySealingService } from './sealing/legacy-sealing.service.js';

/**
 * The worker hosts the projectors, the feed relay, the erasures (carried out once approved) and the
 * retention job (shredding through the same eraser); its HTTP port serves health probes and metrics. At
 * start it first seals what an earlier release stored in the clear (LegacySealingService).
 */
@Module({
  imports: [
    PlatformModule,
    EventStoreModule,
    AttachmentStorageModule,
    RetentionModule.withShredder(EraserShredder, [PersonalDataEraser], [AttachmentStorageModule]),
  ],
  providers: [
    PersonalDataEraser,
    ErasureProcessService,
    WorkerMetrics,
    LegacySealingService,
    ReadModelProjectionService,
    FeedProjectionService,
    ErasureRequestsProjectionService,
    ProjectionCatalogueService,
    AgreementClockService,
    FeedRelay,
  ],
  controllers: [RelayStatusController, ProjectionsController, MetricsController],
})
export class WorkerModule {}
