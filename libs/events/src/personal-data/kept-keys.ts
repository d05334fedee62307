import type { ContentKeys, SubjectKey } from './sealed-value.js';
import type { SubjectFiling } from './subject-keys.table.js';

/**
 * The subjects' current keys a process keeps between appends, and which (subject, activation) pairs it
 * knows are filed: both bounded, the least recently used going first. Only sealing reads them, and every
 * append sealed with a kept key is refused if the erasure list names it (PersonalDataVault), so a kept key
 * can at worst cost a second sealing, never a value sealed under an erased key. Opening never reads them.
 */
export class KeptKeys {
  private readonly keys = new Map<string, SubjectKey>();
  private readonly filings = new Set<string>();
  /** The content keys derived from kept keys (format 2), by the key ids they were derived from. */
  private readonly derived: ContentKeys = new Map();

  constructor(private readonly capacity: number) {}

  /** The kept keys of those of these subjects it keeps. */
  some(refs: readonly string[]): Map<string, SubjectKey> {
    const found = new Map<string, SubjectKey>();
    for (const ref of refs) {
      const key = this.keys.get(ref);
      if (!key) continue;
      found.set(ref, key);
      touch(this.keys, ref, key);
    }
    return found;
  }

  /** The content keys sealing derives from kept keys, kept with them (bounded, forgotten with them). */
  get contentKeys(): ContentKeys {
    if (this.derived.size > this.capacity) this.derived.clear();
    return this.derived;
  }

  /** Keeps the subjects' current keys, and that these subjects are filed under these activations. */
  keep(keys: ReadonlyMap<string, SubjectKey>, filings: readonly SubjectFiling[]): void {
    for (const [ref, key] of keys) touch(this.keys, ref, key);
    trim(this.keys, this.capacity);
    for (const { ref, activationId } of filings) {
      const key = filingKey(ref, activationId);
      this.filings.delete(key);
      this.filings.add(key);
    }
    trim(this.filings, this.capacity);
  }

  isFiled({ ref, activationId }: SubjectFiling): boolean {
    return this.filings.has(filingKey(ref, activationId));
  }

  /** Drops every kept key with one of these ids (an erased key found by a refused append). */
  forget(keyIds: readonly string[]): void {
    const ids = new Set(keyIds);
    for (const [ref, key] of this.keys) if (ids.has(key.id)) this.keys.delete(ref);
    // A content key is derived from several keys: any forgotten one drops them all (they are cheap to derive).
    if (ids.size > 0) this.derived.clear();
  }
}

function touch(keys: Map<string, SubjectKey>, ref: string, key: SubjectKey): void {
  keys.delete(ref);
  keys.set(ref, key);
}

/** Drops the oldest entries (a Map and a Set iterate in insertion order) beyond the capacity. */
function trim(entries: Map<string, unknown> | Set<string>, capacity: number): void {
  for (const key of entries.keys()) {
    if (entries.size <= capacity) return;
    entries.delete(key);
  }
}

const filingKey = (ref: string, activationId: string) => `${ref}\u0000${activationId}`;
