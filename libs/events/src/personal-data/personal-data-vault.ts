import { type ActivationEvent, isActivationEventType, type SubjectPseudonyms } from '#domain';
import type { DataSource } from 'typeorm';
import type { NewEvent } from '../store/event-envelope.js';
import { activationIdOfStream } from '../store/stream-ids.js';
import { ConfiguredMasterKey } from './key-provider.js';
import { keyIdsIn, openPayload, sealingPlan, sealPayload } from './payload-sealing.js';
import { SubjectKeys } from './subject-keys.table.js';
import { SubjectPseudonym } from './subject-pseudonym.js';

/**
 * Where the event store seals and opens personal values (issue 19). Appending seals every PERSONAL, HEALTH
 * and CRIMINAL value of an activation event under its subjects' keys; reading opens them, one key lookup
 * per batch of events, a value whose key was erased reading as ERASED. Keys are never cached between
 * calls: an erasure in one process is in force in every other at its next read.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: SubjectKeys,
    private readonly refs: SubjectPseudonyms,
  ) {}

  /**
   * The events with their personal values sealed; events of other streams, and without any, as they are.
   * The one sealing of keten: appends use it, and so does the sealing of events stored before (legacy).
   */
  async seal<E extends Pick<NewEvent, 'type' | 'data'>>(
    streamId: string,
    events: readonly E[],
  ): Promise<readonly E[]> {
    const activationId = activationIdOfStream(streamId);
    if (activationId === undefined) return events;
    const plans = events.map((event) =>
      isActivationEventType(event.type)
        ? sealingPlan(event as unknown as ActivationEvent, activationId, this.refs)
        : undefined,
    );
    const refs = new Set(plans.flatMap((plan) => (plan ? [...plan.values()].flat() : [])));
    if (refs.size === 0) return events;
    const keys = await this.keys.currentKeys([...refs], activationId);
    return events.map((event, index) => {
      const plan = plans[index];
      if (!plan || plan.size === 0) return event;
      return { ...event, data: sealPayload(event as unknown as ActivationEvent, plan, keys) };
    });
  }

  /** The payloads with their sealed values opened (ERASED where a key is gone), in the same order. */
  async open(payloads: readonly unknown[]): Promise<unknown[]> {
    const ids = new Set(payloads.flatMap((data) => keyIdsIn(data)));
    if (ids.size === 0) return [...payloads];
    const keys = await this.keys.keysById([...ids]);
    return payloads.map((data) => openPayload(data, (id) => keys.get(id)));
  }

  /** The pseudonyms subjects are filed under (the access log's), for erasure requests. */
  get pseudonyms(): SubjectPseudonyms {
    return this.refs;
  }

  get subjectKeys(): SubjectKeys {
    return this.keys;
  }
}

/** The secrets a vault is made of, as the configuration (AppConfig) holds them. */
export interface VaultSecrets {
  readonly masterKeys: readonly Buffer[];
  /** The pseudonym key subjects' keys are filed under: the access log's, so both name a subject alike. */
  readonly accessLogPseudonymKey: string;
}

/** The vault of a database, with its master keys from configuration (ConfiguredMasterKey). */
export function personalDataVault(db: DataSource, secrets: VaultSecrets): PersonalDataVault {
  return new PersonalDataVault(
    new SubjectKeys(db, new ConfiguredMasterKey(secrets.masterKeys)),
    new SubjectPseudonym(secrets.accessLogPseudonymKey),
  );
}
