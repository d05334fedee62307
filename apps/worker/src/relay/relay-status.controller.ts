import { Controller, Get } from '@nestjs/common';
import { FeedRelay, RelayStatus } from './feed-relay.js';

/** The relay's lag and last failure, beside the worker's health probes. */
@Controller('health')
export class RelayStatusController {
  constructor(private readonly relay: FeedRelay) {}

  @Get('relay')
  status(): Promise<RelayStatus> {
    return this.relay.status();
  }
}
