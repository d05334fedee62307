import { Inject, Injectable } from '@nestjs/common';
import type { ArchiveDecision } from '#domain';
import {
  type ActivationShredder,
  RETENTION_CLOCK,
  type RetentionClock,
} from '../retention/activation-shredder.port.js';
import { PersonalDataEraser } from './personal-data-eraser.js';

/** The retention job's shredder: the activation's own key, under a deterministic id (`retention-<id>`). */
@Injectable()
export class EraserShredder implements ActivationShredder {
  constructor(
    private readonly eraser: PersonalDataEraser,
    @Inject(RETENTION_CLOCK) private readonly clock: RetentionClock,
  ) {}

  async shredActivation(activationId: string, _decision: ArchiveDecision): Promise<void> {
    await this.eraser.eraseActivation(activationId, `retention-${activationId}`, this.clock.now());
  }
}
