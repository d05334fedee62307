import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { KafkaModule } from './kafka/kafka.module.js';
import { LoggingModule } from './logging/logging.module.js';

/** What every keten process stands on: validated configuration, JSON logs, Postgres, Kafka and health probes. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, KafkaModule, HealthModule],
  exports: [ConfigModule, DatabaseModule, KafkaModule],
})
export class PlatformModule {}
