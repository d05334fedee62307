import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';
import { AppConfig } from '../config/app-config.js';

const logger = new Logger('kafkajs');

/** Routes kafkajs's own logging into the application's JSON log instead of stdout. */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

export function createKafka(config: AppConfig, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: config.kafkaClientId,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    // SCRAM's salted hashing (8192 iterations) on a busy machine takes longer than kafkajs's 10 s default.
    authenticationTimeout: 15_000,
    ...config.kafkaSecurity,
    ...overrides,
  });
}

/**
 * A client for health probes only: no retries (the probe itself is the retry, and a retrying
 * connection would outlive the probe's timeout) and no logging (the probe's answer is the report).
 */
export function createProbeKafka(config: AppConfig): Kafka {
  return createKafka(config, { retry: { retries: 0 }, connectionTimeout: 1500, logLevel: logLevel.NOTHING });
}
