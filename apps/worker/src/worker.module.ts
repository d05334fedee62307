import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';

/** The worker hosts the projectors and the feed relay; its HTTP port serves only health probes. */
@Module({ imports: [PlatformModule] })
export class WorkerModule {}
