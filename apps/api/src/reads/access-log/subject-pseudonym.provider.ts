import { createHmac } from 'node:crypto';
import { FactoryProvider } from '@nestjs/common';
import { AppConfig, ConfigError } from '#platform';

/** For development and tests only; production refuses to start without a key of its own. */
export const DEV_PSEUDONYM_KEY = 'keten-development-access-log-pseudonym-key';
const MIN_KEY_LENGTH = 32;

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

/**
 * Reads ACCESS_LOG_PSEUDONYM_KEY from the environment until AppConfig validates it.
 * TODO(config): move to EnvironmentVariables as ACCESS_LOG_PSEUDONYM_KEY with these rules.
 */
export function pseudonymKey(env: NodeJS.ProcessEnv, environment: AppConfig['environment']): string {
  const key = env.ACCESS_LOG_PSEUDONYM_KEY;
  if (key) {
    if (key.length < MIN_KEY_LENGTH) {
      throw new ConfigError([
        `ACCESS_LOG_PSEUDONYM_KEY must be at least ${MIN_KEY_LENGTH} characters; generate one with: openssl rand -hex 32`,
      ]);
    }
    return key;
  }
  if (environment === 'production') {
    throw new ConfigError([
      'ACCESS_LOG_PSEUDONYM_KEY must be set in production (openssl rand -hex 32); the access log pseudonymises subject ids with it.',
    ]);
  }
  return DEV_PSEUDONYM_KEY;
}

export const subjectPseudonymProvider: FactoryProvider<SubjectPseudonym> = {
  provide: SubjectPseudonym,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new SubjectPseudonym(pseudonymKey(process.env, config.environment)),
};
