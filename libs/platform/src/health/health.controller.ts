import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '../kafka/kafka.health.js';
import { PROCESS_INSTANCE_ID } from './process-instance.js';

/** Names the answering process in every health answer (see process-instance.ts). */
const instance = () => ({ instance: { status: 'up' as const, id: PROCESS_INSTANCE_ID } });

/** Liveness says the process can serve; readiness says its Postgres and Kafka answer right now. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([instance]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      instance,
      () => this.postgres.pingCheck('postgres').withTimeout(3000),
      () => this.kafka.check('kafka'),
    ]);
  }
}
