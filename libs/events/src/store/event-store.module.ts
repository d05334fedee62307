import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '#platform';
import { CommandExecutor } from '../commands/command-executor.js';
import { EventStore } from './event-store.js';
import { CaseNumbers } from './case-numbers.table.js';
import { catalogueUpcasting } from '../catalogue/catalogue-upcasting.js';
import { PersonalDataVault, personalDataVault } from '../personal-data/personal-data-vault.js';
import { LegacyEventSealing } from './legacy-event-sealing.js';

@Module({
  providers: [
    {
      provide: CommandExecutor,
      inject: [EventStore],
      useFactory: (store: EventStore) => new CommandExecutor(store),
    },
    {
      provide: PersonalDataVault,
      inject: [DataSource, AppConfig],
      useFactory: (db: DataSource, config: AppConfig) => personalDataVault(db, config),
    },
    {
      provide: EventStore,
      inject: [DataSource, PersonalDataVault],
      useFactory: (db: DataSource, vault: PersonalDataVault) => new EventStore(db, catalogueUpcasting, vault),
    },
    {
      provide: LegacyEventSealing,
      inject: [DataSource, PersonalDataVault],
      useFactory: (db: DataSource, vault: PersonalDataVault) =>
        new LegacyEventSealing(db, catalogueUpcasting, vault),
    },
    { provide: CaseNumbers, inject: [DataSource], useFactory: (db: DataSource) => new CaseNumbers(db) },
  ],
  exports: [EventStore, CommandExecutor, CaseNumbers, PersonalDataVault, LegacyEventSealing],
})
export class EventStoreModule {}
