import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { catalogueUpcasting } from '../catalogue/catalogue-upcasting.js';

@Module({
  providers: [
    {
      provide: EventStore,
      inject: [DataSource],
      useFactory: (db: DataSource) => new EventStore(db, catalogueUpcasting),
    },
  ],
  exports: [EventStore],
})
export class EventStoreModule {}
