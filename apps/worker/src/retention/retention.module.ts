import { DynamicModule, type ModuleMetadata, Module, Provider, Type } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { PlatformModule } from '#platform';
import {
  ACTIVATION_SHREDDER,
  type ActivationShredder,
  RETENTION_CLOCK,
  SYSTEM_CLOCK,
} from './activation-shredder.port.js';
import { RetentionJobService } from './retention-job.service.js';

/**
 * The retention job with the shredder it destroys through (the crypto-shredding of libs/events'
 * personal-data and the destruction of documents, behind the ActivationShredder port):
 * `RetentionModule.withShredder(EraserShredder, providers, imports)` in the worker module, with the
 * providers the shredder needs and the modules they need. There is no default shredder: a worker that
 * cannot shred does not pretend to.
 */
@Module({})
export class RetentionModule {
  static withShredder(
    shredder: Type<ActivationShredder>,
    extra: Provider[] = [],
    imports: NonNullable<ModuleMetadata['imports']> = [],
  ): DynamicModule {
    return {
      module: RetentionModule,
      imports: [PlatformModule, EventStoreModule, ...imports],
      providers: [
        { provide: ACTIVATION_SHREDDER, useClass: shredder },
        { provide: RETENTION_CLOCK, useValue: SYSTEM_CLOCK },
        RetentionJobService,
        ...extra,
      ],
      exports: [RetentionJobService],
    };
  }
}
