import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { CommandGateway } from './command-gateway.js';

/** The write path every capability's mutations share. */
@Module({
  imports: [EventStoreModule],
  providers: [CommandGateway],
  exports: [CommandGateway],
})
export class CommandsModule {}
