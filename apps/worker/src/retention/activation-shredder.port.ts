import type { ArchiveDecision } from '#domain';

/**
 * The port through which the retention job destroys an activation's personal data: crypto-shredding of
 * every data subject of the activation (the activation's key deleted, its documents destroyed,
 * `personal-data.erased` appended to its stream), leaving the CASE facts the statistics count. Idempotent: called again for an activation
 * already shredded, it does nothing and succeeds, so a job that crashed halfway may call it again.
 */
export interface ActivationShredder {
  shredActivation(activationId: string, decision: ArchiveDecision): Promise<void>;
}

/** The Nest token the worker's ActivationShredder is provided under. */
export const ACTIVATION_SHREDDER = Symbol('ActivationShredder');

/** What the job asks the time; a fake clock in tests. */
export interface RetentionClock {
  now(): Date;
}

export const RETENTION_CLOCK = Symbol('RetentionClock');

export const SYSTEM_CLOCK: RetentionClock = { now: () => new Date() };
