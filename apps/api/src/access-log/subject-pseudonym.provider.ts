import { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '#platform';
import { EventStore, SubjectPseudonym } from '#events';
import { ActivityRegister } from '#read-models';

export const subjectPseudonymProvider: FactoryProvider<SubjectPseudonym> = {
  provide: SubjectPseudonym,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new SubjectPseudonym(config.accessLogPseudonymKey),
};

export const activityRegisterProvider: FactoryProvider<ActivityRegister> = {
  provide: ActivityRegister,
  inject: [EventStore],
  useFactory: (store: EventStore) => new ActivityRegister(store),
};
