import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import { CommandsModule } from '../commands/index.js';
import { ProcessingActivitiesResolver } from './processing-activities.resolver.js';

/** The register of processing activities, event-sourced and kept under four eyes like agreements. */
@Module({
  imports: [CommandsModule, EventStoreModule, PlatformModule],
  providers: [ProcessingActivitiesResolver],
})
export class ProcessingActivitiesModule {}
