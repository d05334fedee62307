import { join } from 'node:path';
import type { KafkaConfig } from 'kafkajs';
import { loadConfig } from '#platform';
import { ROOT } from './processes.js';

/** What deploy/kafka.sh makes once per checkout: the development CA and the platform principals' passwords. */
export const KAFKA_SECRETS_DIR = join(ROOT, '.cache/kafka/secrets');
export const KAFKA_CA_FILE = join(KAFKA_SECRETS_DIR, 'ca.crt');

/** The platform principals of the development broker (deploy/kafka.sh). */
export type PlatformPrincipal = 'keten-admin' | 'keten-relay';

/**
 * The TLS and SASL options of a kafkajs client as a platform principal, read the way the app reads its own
 * (KAFKA_SSL_CA_FILE, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE). Tests read topics as the admin, the
 * operator's principal: agency principals are tested with kcat, a client of their own.
 */
export function kafkaSecurity(
  principal: PlatformPrincipal = 'keten-admin',
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return loadConfig({
    KAFKA_SSL_CA_FILE: KAFKA_CA_FILE,
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD_FILE: join(KAFKA_SECRETS_DIR, `${principal}.password`),
  }).kafkaSecurity;
}
