import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommandExecutor } from '../commands/command-executor.js';
import { EventStore } from './event-store.js';
import { CaseNumbers } from './case-numbers.table.js';
import { catalogueUpcasting } from '../catalogue/catalogue-upcasting.js';

@Module({
  providers: [
    {
      provide: CommandExecutor,
      inject: [EventStore],
      useFactory: (store: EventStore) => new CommandExecutor(store),
    },
    {
      provide: EventStore,
      inject: [DataSource],
      useFactory: (db: DataSource) => new EventStore(db, catalogueUpcasting),
    },
    { provide: CaseNumbers, inject: [DataSource], useFactory: (db: DataSource) => new CaseNumbers(db) },
  ],
  exports: [EventStore, CommandExecutor, CaseNumbers],
})
export class EventStoreModule {}
