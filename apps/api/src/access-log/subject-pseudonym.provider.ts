import { createHmac } from 'node:crypto';
import { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '#platform';

/**
 * Subject ids in the access log are pseudonyms: HMAC-SHA256 under a secret key, so the log names no
 * person, one subject keeps one pseudonym across reads and agencies, and only the api (holding the key)
 * can turn a subject id into the pseudonym to search for. Changing the key orphans older lines.
 */
export class SubjectPseudonym {
  constructor(private readonly key: string) {}

  of(subjectId: string): string {
    return createHmac('sha256', this.key).update(subjectId, 'utf8').digest('hex');
  }
}

export const subjectPseudonymProvider: FactoryProvider<SubjectPseudonym> = {
  provide: SubjectPseudonym,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new SubjectPseudonym(config.accessLogPseudonymKey),
};
