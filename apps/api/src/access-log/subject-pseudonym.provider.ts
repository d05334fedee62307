import { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '#platform';
import { SubjectPseudonym } from '#read-models';

export const subjectPseudonymProvider: FactoryProvider<SubjectPseudonym> = {
  provide: SubjectPseudonym,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new SubjectPseudonym(config.accessLogPseudonymKey),
};
