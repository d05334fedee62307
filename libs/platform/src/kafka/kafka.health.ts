import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';

/** Ready means a broker answers a metadata request now, not that a connection once succeeded. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly kafka: Kafka,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'kafka') {
    return this.health
      .check(key)
      .attempt(async () => {
        // No retries: a health probe must answer in time, and the probe itself is the retry.
        const admin = this.kafka.admin({ retry: { retries: 0 } });
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
