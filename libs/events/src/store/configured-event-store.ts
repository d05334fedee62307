import type { DataSource } from 'typeorm';
import { catalogueUpcasting } from '../catalogue/catalogue-upcasting.js';
import { personalDataVault, type VaultSecrets } from '../personal-data/personal-data-vault.js';
import { EventStore } from './event-store.js';
import { LegacyEventSealing } from './legacy-event-sealing.js';

/** keten's event store as every process runs it: the catalogue's upcasters, personal values sealed. */
export function configuredEventStore(db: DataSource, secrets: VaultSecrets): EventStore {
  return new EventStore(db, catalogueUpcasting, personalDataVault(db, secrets));
}

/** The sealing of legacy events with the same upcasters and vault as the configured store. */
export function configuredLegacySealing(db: DataSource, secrets: VaultSecrets): LegacyEventSealing {
  return new LegacyEventSealing(db, catalogueUpcasting, personalDataVault(db, secrets));
}
