import { FactoryProvider } from '@nestjs/common';
import { EventStore } from '#events';
import { ArchiveRegister } from '#read-models';

export const archiveRegisterProvider: FactoryProvider<ArchiveRegister> = {
  provide: ArchiveRegister,
  inject: [EventStore],
  useFactory: (store: EventStore) => new ArchiveRegister(store),
};
