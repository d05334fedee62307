import { Injectable } from '@nestjs/common';
import { ErasureCause, ErasureScope, ErasureTarget } from '#domain';
import { activationRef, CommandExecutor, erasureEffectStreams, PersonalDataVault } from '#events';

/** Erasures are nobody's command on the activation: the worker records them, as this actor. */
const ERASER = { userId: 'keten-worker', agency: 'KETEN', role: 'SYSTEM' };

/**
 * Crypto-shredding (issue 19): deletes the keys a subject's values are sealed under, then records
 * personal-data.erased on every activation that held them, so each projector writes its rows of it again
 * from the stream as it now reads (erased). Keys first, on their own commit: once the event is there, no
 * reader can open the values any more. Idempotent: erasing again deletes nothing more and records
 * nothing more, so a run that stopped halfway is simply done again.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly executor: CommandExecutor,
  ) {}

  /** An approved erasure of a person (every case) or of one subject of one case. */
  async eraseSubject(target: ErasureTarget, erasureId: string, now: Date): Promise<void> {
    await this.vault.subjectKeys.erase(target.subjectRef, erasureId);
    const activations =
      target.kind === 'PERSON'
        ? await this.vault.subjectKeys.activationsOf(target.subjectRef)
        : [target.activationId];
    const scope = target.kind === 'PERSON' ? ErasureScope.PERSON : ErasureScope.CASE_SUBJECT;
    for (const activationId of activations) {
      await this.record(activationId, erasureId, ErasureCause.ERASURE, scope, now, target.subjectRef);
    }
  }

  /** Every subject of one activation, at the end of its retention: its own key seals every value of it. */
  async eraseActivation(activationId: string, erasureId: string, now: Date): Promise<void> {
    await this.vault.subjectKeys.erase(activationRef(this.vault.pseudonyms, activationId), erasureId);
    await this.record(activationId, erasureId, ErasureCause.RETENTION, ErasureScope.ACTIVATION, now);
  }

  private async record(
    activationId: string,
    erasureId: string,
    cause: ErasureCause,
    scope: ErasureScope,
    now: Date,
    subjectRef?: string,
  ): Promise<void> {
    await this.executor.execute(
      erasureEffectStreams,
      { type: 'RecordErasure', activationId, erasureId, cause, scope, ...(subjectRef && { subjectRef }) },
      { eventActor: ERASER, now: now.toISOString() },
    );
  }
}
