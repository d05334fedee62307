import { type ActivationEvent, isActivationEventType, type SubjectPseudonyms } from '#domain';
import type { DataSource } from 'typeorm';
import type { NewEvent } from '../store/event-envelope.js';
import { activationIdOfStream } from '../store/stream-ids.js';
import { ConfiguredMasterKey } from './key-provider.js';
import type { Leaf } from '../catalogue/field-paths.js';
import { KeptKeys } from './kept-keys.js';
import { keyIdsIn, openPayload, sealingPlan, sealPayload } from './payload-sealing.js';
import type { ContentKeys, SubjectKey } from './sealed-value.js';
import { type NewSubjectKey, type SubjectFiling, SubjectKeys } from './subject-keys.table.js';
import { SubjectPseudonym } from './subject-pseudonym.js';

/**
 * Where the event store seals and opens personal values (issue 19). Appending seals every PERSONAL, HEALTH
 * and CRIMINAL value of an activation event under its subjects' keys; reading opens them, one key lookup
 * per batch of events, a value whose key was erased reading as ERASED. Opening never uses a key kept from
 * an earlier call: an erasure in one process is in force in every other at its next read.
 *
 * Appending keeps the subjects' current keys between calls (`sealForAppend`), and makes the key of a
 * subject it knows none of in the append's own statement, so an append costs no round trip for its keys.
 * A kept key may have been erased since by another process, and a subject thought new may have a key: the
 * append is one statement that refuses to write when the erasure list names a key it is sealed under or a
 * new key could not be stored (appendGuard, in the statement's own snapshot, so no later than a lookup of
 * the keys would be); the store then forgets those keys, looks the current ones up and seals again. What
 * is recorded after an erasure is thus sealed under the subject's next key, never an erased one.
 */
export class PersonalDataVault {
  private readonly current = new KeptKeys(KEPT_KEYS);

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
    const planned = streams.map(({ streamId, events }) => this.plan(streamId, events));
    const filings = planned.flatMap(({ filings }) => filings);
    if (filings.length === 0) return streams.map(({ events }) => events);
    const keys = await this.keys.currentKeysFiled(
      filings.map(({ ref }) => ref),
      filings,
    );
    return streams.map(({ events }, index) => sealPlanned(events, planned[index]!.plans, keys));
  }

  /**
   * `seal` for the event store's append, without a round trip for its keys: a subject's key this process
   * kept from an earlier append is used again, and a subject it knows no key of gets a new one (generation
   * 1) that the append statement stores. The append is refused when the erasure list names one of the keys
   * or a new one was not stored (the subject had a key); then `forget` and seal again with `lookUp`, which
   * looks the subjects' current keys up (making any missing one), as `seal` does.
   */
  async sealForAppend<E extends Sealable>(
    streamId: string,
    events: readonly E[],
    lookUp = false,
  ): Promise<SealedAppend<E>> {
    const { plans, filings } = this.plan(streamId, events);
    if (filings.length === 0) return { events, keyIds: [], made: [], filings: [] };
    const refs = filings.map(({ ref }) => ref);
    let keys: Map<string, SubjectKey>;
    let made: NewSubjectKey[] = [];
    let unfiled = filings.filter((filing) => !this.current.isFiled(filing));
    if (lookUp) {
      keys = await this.keys.currentKeysFiled(refs, filings);
      this.current.keep(keys, filings);
      unfiled = [];
    } else {
      keys = this.current.some(refs);
      made = await this.keys.newKeys(
        refs.filter((ref) => !keys.has(ref)).map((ref) => ({ ref, generation: 1 })),
      );
      for (const { ref, keyId, key } of made) keys.set(ref, { id: keyId, key });
    }
    // A made key's id is its subject's and generation's, so its retry (an append lost before it was stored)
    // makes other bytes under the same id: content keys derived from made keys are this call's only.
    const contentKeys: ContentKeys = made.length === 0 ? this.current.contentKeys : new Map();
    return {
      events: sealPlanned(events, plans, keys, contentKeys),
      keyIds: [...new Set([...keys.values()].map((k) => k.id))],
      made,
      filings: unfiled,
    };
  }

  /** After an append sealed by `sealForAppend` was written: its new keys are kept, its subjects filed. */
  appended({ made, filings }: SealedAppend<Sealable>): void {
    this.current.keep(new Map(made.map(({ ref, keyId, key }) => [ref, { id: keyId, key }])), filings);
  }

  /** Keys of a refused append (erased, or never stored): never used again for sealing. */
  forget(keyIds: readonly string[]): void {
    this.current.forget(keyIds);
  }

  private plan(streamId: string, events: readonly Sealable[]): Planned {
    const activationId = activationIdOfStream(streamId);
    const plans = events.map((event) =>
      activationId !== undefined && isActivationEventType(event.type)
        ? sealingPlan(event as unknown as ActivationEvent, activationId, this.refs)
        : undefined,
    );
    const refs = new Set(plans.flatMap((plan) => (plan ? [...plan.values()].flat() : [])));
    return { plans, filings: [...refs].map((ref) => ({ ref, activationId: activationId! })) };
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

/** Events sealed for an append, and what its statement checks, stores and files (appendGuard). */
export interface SealedAppend<E extends Sealable> {
  readonly events: readonly E[];
  /** The keys the events are sealed under: the append is refused if the erasure list names one. */
  readonly keyIds: readonly string[];
  /** New keys of subjects this process knew none of: the append stores them, or is refused. */
  readonly made: readonly NewSubjectKey[];
  /** The activation's subjects not known to be filed under it: the append files them. */
  readonly filings: readonly SubjectFiling[];
}

interface Planned {
  plans: (Map<Leaf, readonly string[]> | undefined)[];
  filings: SubjectFiling[];
}

/** Seals the planned events; `contentKeys` those of their key lists derived before (one call's, or kept). */
function sealPlanned<E extends Sealable>(
  events: readonly E[],
  plans: Planned['plans'],
  keys: ReadonlyMap<string, SubjectKey>,
  contentKeys: ContentKeys = new Map(),
): readonly E[] {
  if (plans.every((plan) => !plan || plan.size === 0)) return events;
  return events.map((event, at) => {
    const plan = plans[at];
    if (!plan || plan.size === 0) return event;
    return { ...event, data: sealPayload(event as unknown as ActivationEvent, plan, keys, contentKeys) };
  });
}

/** How many subjects' current keys (and filings) a process keeps for its appends: a bounded memory. */
const KEPT_KEYS = 20_000;

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
