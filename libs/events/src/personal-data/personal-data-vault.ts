import { type ActivationEvent, isActivationEventType, type SubjectPseudonyms } from '#domain';
import type { DataSource } from 'typeorm';
import type { NewEvent } from '../store/event-envelope.js';
import { activationIdOfStream } from '../store/stream-ids.js';
import { ConfiguredMasterKey } from './key-provider.js';
import { keyIdsIn, openPayload, sealingPlan, sealPayload } from './payload-sealing.js';
import type { ContentKeys } from './sealed-value.js';
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
  async seal<E extends Sealable>(streamId: string, events: readonly E[]): Promise<readonly E[]> {
    const [sealed] = await this.sealStreams([{ streamId, events }]);
    return sealed!;
  }

  /**
   * `seal` for the events of several streams at once, with one key lookup for all of them (the sealing of
   * legacy events, a batch at a time); the streams' events come back in the same order.
   */
  async sealStreams<E extends Sealable>(
    streams: readonly { streamId: string; events: readonly E[] }[],
  ): Promise<(readonly E[])[]> {
    const planned = streams.map(({ streamId, events }) => {
      const activationId = activationIdOfStream(streamId);
      const plans = events.map((event) =>
        activationId !== undefined && isActivationEventType(event.type)
          ? sealingPlan(event as unknown as ActivationEvent, activationId, this.refs)
          : undefined,
      );
      const refs = new Set(plans.flatMap((plan) => (plan ? [...plan.values()].flat() : [])));
      return { plans, filings: [...refs].map((ref) => ({ ref, activationId: activationId! })) };
    });
    const filings = planned.flatMap(({ filings }) => filings);
    if (filings.length === 0) return streams.map(({ events }) => events);
    const keys = await this.keys.currentKeysFiled(
      filings.map(({ ref }) => ref),
      filings,
    );
    // The content keys of this batch's key lists, derived once each and dropped with the batch.
    const contentKeys: ContentKeys = new Map();
    return streams.map(({ events }, index) => {
      const { plans } = planned[index]!;
      if (plans.every((plan) => !plan || plan.size === 0)) return events;
      return events.map((event, at) => {
        const plan = plans[at];
        if (!plan || plan.size === 0) return event;
        return { ...event, data: sealPayload(event as unknown as ActivationEvent, plan, keys, contentKeys) };
      });
    });
  }

  /** The payloads with their sealed values opened (ERASED where a key is gone), in the same order. */
  async open(payloads: readonly unknown[]): Promise<unknown[]> {
    const ids = new Set(payloads.flatMap((data) => keyIdsIn(data)));
    if (ids.size === 0) return [...payloads];
    const keys = await this.keys.keysById([...ids]);
    // Derived from the keys just read, for this call only: like the keys, never kept for the next read.
    const contentKeys: ContentKeys = new Map();
    return payloads.map((data) => openPayload(data, (id) => keys.get(id), contentKeys));
  }

  /** The pseudonyms subjects are filed under (the access log's), for erasure requests. */
  get pseudonyms(): SubjectPseudonyms {
    return this.refs;
  }

  get subjectKeys(): SubjectKeys {
    return this.keys;
  }
}

/** What sealing needs of an event: its type (to find its catalogue entry) and its data. */
type Sealable = Pick<NewEvent, 'type' | 'data'>;

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
