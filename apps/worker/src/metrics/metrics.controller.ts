import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WorkerMetrics } from './worker-metrics.js';

/** Prometheus scrapes the worker here (text exposition format). */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: WorkerMetrics) {}

  @Get('metrics')
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    response.setHeader('content-type', contentType);
    response.send(body);
  }
}
