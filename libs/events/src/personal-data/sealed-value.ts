import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal value as it is stored: encrypted under the keys of the data subjects it is about, so that
 * erasing any one of them (deleting their key) leaves it unreadable. One key is the common case; a value
 * about several people (a finding's description naming two workers) is encrypted under each in turn.
 */
export interface SealedValue {
  /** The version of this format. */
  readonly $sealed: 1;
  /** The subject keys' ids, innermost first. */
  readonly keys: readonly string[];
  /** base64url of the layers: per key iv (12 bytes) | ciphertext | tag (16 bytes). */
  readonly value: string;
}

/** What a sealed value reads as once one of its keys is gone: a marker, never an error. */
export const ERASED = Object.freeze({ $erased: true as const });
export type Erased = typeof ERASED;

export function isErased(value: unknown): value is Erased {
  return typeof value === 'object' && value !== null && (value as { $erased?: unknown }).$erased === true;
}

export function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<SealedValue>;
  return (
    candidate.$sealed === 1 &&
    Array.isArray(candidate.keys) &&
    candidate.keys.length > 0 &&
    typeof candidate.value === 'string'
  );
}

/** A subject's key in the clear, only ever in memory. */
export interface SubjectKey {
  readonly id: string;
  readonly key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts a JSON value under every key given (AES-256-GCM, the key's id as associated data). */
export function seal(value: unknown, keys: readonly SubjectKey[]): SealedValue {
  if (keys.length === 0) throw new Error('A value is sealed under at least one subject key.');
  let layer = Buffer.from(JSON.stringify(value), 'utf8');
  for (const { id, key } of keys) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(id, 'utf8'));
    layer = Buffer.concat([iv, cipher.update(layer), cipher.final(), cipher.getAuthTag()]);
  }
  return { $sealed: 1, keys: keys.map(({ id }) => id), value: layer.toString('base64url') };
}

/**
 * The value in the clear, or ERASED when a key it needs is gone (`keyOf` answers undefined for it). A key
 * that is there but does not open the value is corruption, not erasure, and throws.
 */
export function open(sealed: SealedValue, keyOf: (id: string) => Buffer | undefined): unknown {
  const keys = sealed.keys.map((id) => ({ id, key: keyOf(id) }));
  if (keys.some(({ key }) => key === undefined)) return ERASED;
  let layer = Buffer.from(sealed.value, 'base64url');
  for (const { id, key } of [...keys].reverse()) {
    const decipher = createDecipheriv(ALGORITHM, key!, layer.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(layer.subarray(layer.length - TAG_BYTES));
    const inner = decipher.update(layer.subarray(IV_BYTES, layer.length - TAG_BYTES));
    // GCM gives everything from update; final only checks the tag (and throws when it does not match).
    decipher.final();
    layer = inner;
  }
  return JSON.parse(layer.toString('utf8'));
}
