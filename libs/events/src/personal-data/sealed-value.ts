import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomFillSync } from 'node:crypto';

/**
 * A personal value as it is stored: encrypted under the keys of the data subjects it is about, so that
 * erasing any one of them (deleting their key) leaves it unreadable. One key is the common case; a value
 * about several people (a finding's description naming two workers) needs every one of their keys.
 *
 * Two formats. Format 2 (written since it exists): one AES-256-GCM pass under a content key derived from
 * all the value's subject keys (`deriveContentKey`), so sealing costs the same whatever the number of keys
 * and the value grows by 28 bytes once. Format 1 (written before): one AES-256-GCM layer per key, nested;
 * it still opens, as the event store is append-only and nothing rewrites a stored value.
 */
export type SealedValue = SealedValueV1 | SealedValueV2;

export interface SealedValueV1 {
  readonly $sealed: 1;
  /** The subject keys' ids, innermost first. */
  readonly keys: readonly string[];
  /** base64url of the layers: per key iv (12 bytes) | ciphertext | tag (16 bytes). */
  readonly value: string;
}

export interface SealedValueV2 {
  readonly $sealed: 2;
  /** The subject keys' ids, sorted (by UTF-16 code unit) and without repeats. */
  readonly keys: readonly string[];
  /** base64url of iv (12 bytes) | ciphertext | tag (16 bytes), under the content key of `keys`. */
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
    (candidate.$sealed === 1 || candidate.$sealed === 2) &&
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

/**
 * Content keys already derived, by the ids they were derived from. Opening keeps them for one batch only
 * (a payload's values mostly share their keys), so that an erasure holds at the next read as it does for
 * the subject keys themselves; sealing for an append keeps them beside the kept subject keys, under the
 * same rule (the append is refused if the erasure list names one of the ids: PersonalDataVault).
 */
export type ContentKeys = Map<string, Buffer>;

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The domain of format 2's derivation and associated data: no other use of these keys derives the same. */
const FORMAT_2_DOMAIN = 'keten/sealed/2';

/** Encrypts a JSON value in format 2 under the keys given (in any order; a key given twice counts once). */
export function seal(value: unknown, keys: readonly SubjectKey[], contentKeys?: ContentKeys): SealedValueV2 {
  if (keys.length === 0) throw new Error('A value is sealed under at least one subject key.');
  const byId = new Map(keys.map((key) => [key.id, key.key]));
  const ids = [...byId.keys()].sort(byCodeUnit);
  const context = contextOf(ids);
  const contentKey = contentKeyOf(context, ids, (id) => byId.get(id), contentKeys)!;
  return {
    $sealed: 2,
    keys: ids,
    value: encrypt(contentKey, Buffer.from(context, 'utf8'), value).toString('base64url'),
  };
}

/**
 * The value in the clear, or ERASED when a key it needs is gone (`keyOf` answers undefined for it). A key
 * that is there but does not open the value is corruption, not erasure, and throws; so does a value or a
 * key list altered after sealing (in format 2 the list is bound into the content key and the tag).
 */
export function open(
  sealed: SealedValue,
  keyOf: (id: string) => Buffer | undefined,
  contentKeys?: ContentKeys,
): unknown {
  if (sealed.$sealed === 2) {
    const context = contextOf(sealed.keys);
    const contentKey = contentKeyOf(context, sealed.keys, keyOf, contentKeys);
    if (contentKey === undefined) return ERASED;
    return JSON.parse(
      decrypt(contentKey, Buffer.from(context, 'utf8'), Buffer.from(sealed.value, 'base64url')).toString(
        'utf8',
      ),
    );
  }
  const keys = sealed.keys.map((id) => ({ id, key: keyOf(id) }));
  if (keys.some(({ key }) => key === undefined)) return ERASED;
  let layer: Buffer = Buffer.from(sealed.value, 'base64url');
  for (const { id, key } of [...keys].reverse()) layer = decrypt(key!, Buffer.from(id, 'utf8'), layer);
  return JSON.parse(layer.toString('utf8'));
}

/**
 * Format 2's content key: HKDF-SHA256 (RFC 5869, Node's `hkdfSync`) over the subject keys concatenated in
 * the order of `ids` (each exactly 32 bytes, so the concatenation is unambiguous), without salt (the input
 * keys are uniformly random, RFC 5869 §3.1), with `info` the SHA-256 of the context (the domain and the
 * ids). Without every one of the subject keys the input is unknown, so erasing any one shreds the value;
 * a content key gives away neither a subject key nor the content key of another key list. Undefined when a
 * key is gone.
 */
function contentKeyOf(
  context: string,
  ids: readonly string[],
  keyOf: (id: string) => Buffer | undefined,
  contentKeys?: ContentKeys,
): Buffer | undefined {
  const keys: Buffer[] = [];
  for (const id of ids) {
    const key = keyOf(id);
    if (key === undefined) return undefined;
    if (key.length !== KEY_BYTES) throw new Error(`The subject key ${id} is not ${KEY_BYTES} bytes.`);
    keys.push(key);
  }
  const known = contentKeys?.get(context);
  if (known) return known;
  const info = createHash('sha256').update(context, 'utf8').digest();
  const derived = Buffer.from(hkdfSync('sha256', Buffer.concat(keys), Buffer.alloc(0), info, KEY_BYTES));
  contentKeys?.set(context, derived);
  return derived;
}

/**
 * The domain and the key ids, unambiguously (a JSON array: no id can run into the next): the HKDF info's
 * preimage, and the associated data of the encryption, so that a key list altered in storage fails twice
 * over (another content key, and associated data that does not match).
 */
function contextOf(ids: readonly string[]): string {
  return `${FORMAT_2_DOMAIN}\0${JSON.stringify(ids)}`;
}

function encrypt(key: Buffer, aad: Buffer, value: unknown): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = cipher.update(Buffer.from(JSON.stringify(value), 'utf8'));
  return Buffer.concat([iv, body, cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, aad: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const inner = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
  // GCM gives everything from update; final only checks the tag (and throws when it does not match).
  decipher.final();
  return inner;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A random IV (96 bits from the CSPRNG, as NIST SP 800-38D §8.2.2 allows), taken from random bytes drawn
 * 256 IVs at a time: one call to the CSPRNG per 256 values sealed instead of one per value. Each IV is
 * copied out and its bytes are never handed out twice.
 */
function freshIv(): Buffer {
  if (ivPool.offset === ivPool.bytes.length) {
    randomFillSync(ivPool.bytes);
    ivPool.offset = 0;
  }
  const iv = Buffer.from(ivPool.bytes.subarray(ivPool.offset, ivPool.offset + IV_BYTES));
  ivPool.offset += IV_BYTES;
  return iv;
}

const ivPool = { bytes: Buffer.alloc(IV_BYTES * 256), offset: IV_BYTES * 256 };
