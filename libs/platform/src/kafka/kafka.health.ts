import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { AppConfig } from '../config/app-config.js';
import { createProbeKafka } from './kafka.client.js';

/** Ready means a broker answers a metadata request now, not that a connection once succeeded. */
@Injectable()
export class KafkaHealthIndicator {
  private readonly kafka: Kafka;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.kafka = createProbeKafka(config);
  }

  check(key = 'kafka') {
    return this.health
      .check(key)
      .attempt(async () => {
        const admin = this.kafka.admin();
        try {
          await admin.connect();
          const { brokers } = await admin.describeCluster();
          return { brokers: brokers.length };
        } catch (error) {
          throw new Error(`Kafka does not answer: ${(error as Error).message}`, { cause: error });
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      })
      .withTimeout(4000);
  }
}
