import { Module } from '@nestjs/common';
import { EventStoreModule, VersionTokens } from '#events';
import { AppConfig, PlatformModule } from '#platform';
import { CommandGateway } from './command-gateway.js';

/** The write path every capability's mutations share, and the opaque version tokens it answers with. */
@Module({
  imports: [EventStoreModule, PlatformModule],
  providers: [
    CommandGateway,
    {
      provide: VersionTokens,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new VersionTokens(config.versionTokenKey),
    },
  ],
  exports: [CommandGateway, VersionTokens],
})
export class CommandsModule {}
