import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { AppConfig } from '../config/app-config.js';
import { createKafka } from './kafka.client.js';
import { KafkaHealthIndicator } from './kafka.health.js';

@Global()
@Module({
  imports: [TerminusModule],
  providers: [{ provide: Kafka, inject: [AppConfig], useFactory: createKafka }, KafkaHealthIndicator],
  exports: [Kafka, KafkaHealthIndicator],
})
export class KafkaModule {}
